package io.github.cyclegan.inference;

import java.util.Objects;

/**
 * One image as a float tensor in channel, row, column order with values in [-1, 1], the layout the generators read
 * and write.
 *
 * <p>The array is not copied (images are large and pass through several hands); whoever creates the record hands the
 * array over and must not change it afterwards.
 */
public record ChwImage(int channels, int height, int width, float[] values) {

    public ChwImage {
        Objects.requireNonNull(values, "values");
        if (channels <= 0 || height <= 0 || width <= 0) {
            throw new IllegalArgumentException(
                    "an image needs positive channels, height and width, got " + describe(channels, height, width));
        }
        long expected = (long) channels * height * width;
        if (values.length != expected) {
            throw new IllegalArgumentException("a " + describe(channels, height, width) + " image needs " + expected
                    + " values, got " + values.length);
        }
    }

    /** Whether {@code other} has the same height and width. */
    public boolean sameSize(ChwImage other) {
        return height == other.height && width == other.width;
    }

    @Override
    public String toString() {
        return "ChwImage[" + describe(channels, height, width) + "]";
    }

    private static String describe(int channels, int height, int width) {
        return channels + "x" + height + "x" + width;
    }
}
