package io.github.cyclegan.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;

/**
 * Overwrites the values of a long-lived array (a weight, an optimiser moment) in place, keeping
 * its native storage. DJL's {@code NDArray.set(Buffer)} must not be used for that on the PyTorch
 * engine: it re-points the tensor at the Java buffer's memory without owning it, so the weight
 * ends up in memory that can be freed (a closed source array, a collected buffer) while training
 * still reads and writes it, which corrupts training silently and non-deterministically.
 */
public final class NativeCopy {

    private static final NDIndex ALL = new NDIndex("...");

    private NativeCopy() {
    }

    /** Copies {@code source} (same shape, any numeric type) into {@code target}'s own storage. */
    public static void overwrite(NDArray target, NDArray source) {
        if (!source.getShape().equals(target.getShape())) {
            throw new IllegalArgumentException("cannot copy " + source.getShape() + " into " + target.getShape());
        }
        try (NoGrad ignored = NoGrad.enter()) {
            if (source.getDataType() == target.getDataType()) {
                target.set(ALL, source);
            } else {
                try (NDArray converted = source.toType(target.getDataType(), true)) {
                    target.set(ALL, converted);
                }
            }
        }
    }

    /** Copies float values, in row-major order, into {@code target}'s own storage. */
    public static void overwrite(NDArray target, float[] values) {
        try (NDManager staging = target.getManager().newSubManager()) {
            overwrite(target, staging.create(values, target.getShape()));
        }
    }
}
