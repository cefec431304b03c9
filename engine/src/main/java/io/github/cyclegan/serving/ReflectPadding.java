package io.github.cyclegan.serving;

import io.github.cyclegan.image.ChwImage;

/**
 * Reflection padding of CHW float images up to a size multiple (and a minimum size), and the crop that undoes it.
 * The padding is split between the two sides (the extra pixel of an odd amount goes after) so that both borders see
 * mirrored context. Mirroring repeats when the padding exceeds the image, so any size pads to any multiple, e.g.
 * 37 px to 256.
 */
record ReflectPadding(int top, int bottom, int left, int right) {

    /** Pads each side to the smallest multiple of {@code multiple} that is at least {@code minimum}. */
    static ReflectPadding toMultiple(int height, int width, int multiple, int minimum) {
        if (multiple <= 0) {
            throw new IllegalArgumentException("multiple must be positive, got " + multiple);
        }
        int extraRows = target(height, multiple, minimum) - height;
        int extraColumns = target(width, multiple, minimum) - width;
        return new ReflectPadding(extraRows / 2, extraRows - extraRows / 2, extraColumns / 2,
                extraColumns - extraColumns / 2);
    }

    private static int target(int size, int multiple, int minimum) {
        int atLeast = Math.max(size, minimum);
        return Math.addExact(atLeast, Math.floorMod(-atLeast, multiple));
    }

    int paddedHeight(int height) {
        return height + top + bottom;
    }

    int paddedWidth(int width) {
        return width + left + right;
    }

    /** Writes {@code image} padded to {@code target} starting at {@code offset}. */
    void pad(ChwImage image, float[] target, int offset) {
        int height = image.height();
        int width = image.width();
        int paddedHeight = paddedHeight(height);
        int paddedWidth = paddedWidth(width);
        int[] columns = new int[paddedWidth];
        for (int x = 0; x < paddedWidth; x++) {
            columns[x] = reflect(x - left, width);
        }
        float[] source = image.data();
        int out = offset;
        for (int c = 0; c < image.channels(); c++) {
            for (int y = 0; y < paddedHeight; y++) {
                int row = (c * height + reflect(y - top, height)) * width;
                for (int x = 0; x < paddedWidth; x++) {
                    target[out++] = source[row + columns[x]];
                }
            }
        }
    }

    /** Cuts the {@code height} x {@code width} original out of the padded image that starts at {@code offset}. */
    ChwImage crop(float[] padded, int offset, int channels, int height, int width) {
        int paddedHeight = paddedHeight(height);
        int paddedWidth = paddedWidth(width);
        float[] values = new float[channels * height * width];
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < height; y++) {
                int from = offset + (c * paddedHeight + y + top) * paddedWidth + left;
                System.arraycopy(padded, from, values, (c * height + y) * width, width);
            }
        }
        return new ChwImage(channels, height, width, values);
    }

    /** The source index of position {@code i} (negative or past the end) mirrored at the edges, edges not repeated. */
    static int reflect(int i, int size) {
        if (size == 1) {
            return 0;
        }
        int period = 2 * (size - 1);
        int folded = Math.floorMod(i, period);
        return folded < size ? folded : period - folded;
    }
}
