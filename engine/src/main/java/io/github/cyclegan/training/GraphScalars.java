package io.github.cyclegan.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Scalar operands for computations that autograd records. DJL's {@code mul(Number)},
 * {@code maximum(Number)} and friends wrap the number in a tensor backed by a Java buffer and close
 * it right after the call, but autograd keeps that tensor for the backward pass (the gradient of
 * {@code x * c} needs {@code c}), which then reads freed memory. A scalar made here is allocated by
 * libtorch and lives as long as the array it is combined with.
 */
final class GraphScalars {

    private GraphScalars() {
    }

    /** A libtorch-owned 0-d tensor holding {@code value}, in the manager and type of {@code like}. */
    static NDArray of(NDArray like, double value) {
        return like.getManager().full(new Shape(), (float) value, like.getDataType());
    }

    static NDArray times(NDArray x, double factor) {
        return x.mul(of(x, factor));
    }
}
