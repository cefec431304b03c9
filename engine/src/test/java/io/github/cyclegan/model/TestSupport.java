package io.github.cyclegan.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.Random;

final class TestSupport {

    private TestSupport() {}

    static float[] gaussian(Random random, long count) {
        float[] values = new float[Math.toIntExact(count)];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return values;
    }

    static NDArray randomArray(NDManager manager, Random random, Shape shape) {
        return manager.create(gaussian(random, shape.size()), shape);
    }

    static NDArray forward(Block block, NDManager manager, NDArray input, boolean training) {
        return block.forward(new ParameterStore(manager, false), new NDList(input), training).singletonOrThrow();
    }

    /** Index of (a, b, c, d) in a row-major array of shape [.., n1, n2, n3]. */
    static int at(int a, int b, int c, int d, int n1, int n2, int n3) {
        return ((a * n1 + b) * n2 + c) * n3 + d;
    }
}
