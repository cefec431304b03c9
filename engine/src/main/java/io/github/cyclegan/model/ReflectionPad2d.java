package io.github.cyclegan.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * PyTorch's ReflectionPad2d: mirrors {@code p} pixels on each side without repeating the edge.
 * {@code NDArray.pad} only pads with a constant, hence slices, flips and concatenation.
 */
public final class ReflectionPad2d extends AbstractBlock {

    private final int padding;

    public ReflectionPad2d(int padding) {
        if (padding < 0) {
            throw new IllegalArgumentException("padding must not be negative, got " + padding);
        }
        this.padding = padding;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        if (padding == 0) {
            return new NDList(x);
        }
        Shape shape = x.getShape();
        if (padding >= shape.get(2) || padding >= shape.get(3)) {
            throw new IllegalArgumentException(
                    "Reflection padding " + padding + " must be smaller than the spatial size of " + shape);
        }
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray padded = reflect(reflect(x, 3), 2);
            NDScope.unregister(padded);
            return new NDList(padded);
        }
    }

    private NDArray reflect(NDArray x, int axis) {
        long size = x.getShape().get(axis);
        NDArray left = x.get(slice(axis, 1, padding + 1)).flip(axis);
        NDArray right = x.get(slice(axis, size - 1 - padding, size - 1)).flip(axis);
        return NDArrays.concat(new NDList(left, x, right), axis);
    }

    private static NDIndex slice(int axis, long from, long to) {
        return axis == 3 ? new NDIndex("..., " + from + ":" + to) : new NDIndex("..., " + from + ":" + to + ", :");
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return new Shape[] {new Shape(in.get(0), in.get(1), in.get(2) + 2L * padding, in.get(3) + 2L * padding)};
    }

    @Override
    public String toString() {
        return "ReflectionPad2d(" + padding + ")";
    }
}
