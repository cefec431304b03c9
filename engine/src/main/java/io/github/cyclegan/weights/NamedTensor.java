package io.github.cyclegan.weights;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable, named float32 tensor in row-major (C) order, independent of any engine so that
 * weight files can be read and checked without starting DJL.
 *
 * <p>The arrays are copied on the way in and out; use {@link #values()} to read without a copy.
 */
public record NamedTensor(String name, long[] shape, float[] data) {

    public NamedTensor {
        Objects.requireNonNull(name, "name");
        shape = Objects.requireNonNull(shape, "shape").clone();
        data = Objects.requireNonNull(data, "data").clone();
        long expected = elementCount(shape);
        if (expected != data.length) {
            throw new IllegalArgumentException(
                    name + ": shape " + Arrays.toString(shape) + " needs " + expected
                            + " values, got " + data.length);
        }
    }

    /** Product of the dimensions; 1 for a scalar (empty shape). */
    public static long elementCount(long[] shape) {
        long count = 1;
        for (long dim : shape) {
            if (dim < 0) {
                throw new IllegalArgumentException("negative dimension in " + Arrays.toString(shape));
            }
            count = Math.multiplyExact(count, dim);
        }
        return count;
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    @Override
    public float[] data() {
        return data.clone();
    }

    /** A read-only view of the values, for reading large tensors without copying them. */
    public FloatBuffer values() {
        return FloatBuffer.wrap(data).asReadOnlyBuffer();
    }

    public int size() {
        return data.length;
    }

    public NamedTensor withName(String newName) {
        return new NamedTensor(newName, shape, data);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof NamedTensor that
                && name.equals(that.name)
                && Arrays.equals(shape, that.shape)
                && Arrays.equals(data, that.data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, Arrays.hashCode(shape), Arrays.hashCode(data));
    }

    @Override
    public String toString() {
        return "NamedTensor[" + name + " " + Arrays.toString(shape) + " float32]";
    }
}
