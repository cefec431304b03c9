package io.github.cyclegan.cli.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.github.cyclegan.image.ChwImage;

/** Benchmark inputs: uniform noise in [-1, 1]; timing does not depend on the pixel values. */
final class RandomImages {

    private RandomImages() {
    }

    static List<ChwImage> of(Random random, int count, int channels, int size) {
        List<ChwImage> images = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            float[] values = new float[channels * size * size];
            for (int v = 0; v < values.length; v++) {
                values[v] = random.nextFloat() * 2 - 1;
            }
            images.add(new ChwImage(channels, size, size, values));
        }
        return images;
    }
}
