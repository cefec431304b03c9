package io.github.cyclegan.image;

import java.util.Random;

public final class Images {

    private Images() {}

    /** Uniform values in [-1, 1], the range of normalised images. */
    public static ChwImage random(Random random, int channels, int height, int width) {
        float[] values = new float[channels * height * width];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextFloat() * 2 - 1;
        }
        return new ChwImage(channels, height, width, values);
    }
}
