package io.github.cyclegan.weights;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A named float32 tensor whose values are fetched only when they are needed, e.g. copied out of a live native array
 * while a safetensors file streams ({@link SafetensorsStream}): a file of many tensors then holds one tensor's values
 * on the heap at a time, not all of them.
 *
 * @param values gives the values in row-major order, {@code elementCount(shape)} of them, each time it is called
 */
public record LazyTensor(String name, long[] shape, Supplier<FloatBuffer> values) {

    public LazyTensor {
        Objects.requireNonNull(name, "name");
        shape = Objects.requireNonNull(shape, "shape").clone();
        Objects.requireNonNull(values, "values");
        NamedTensor.elementCount(shape);
    }

    /** A tensor whose values are already in memory. */
    public static LazyTensor of(NamedTensor tensor) {
        return new LazyTensor(tensor.name(), tensor.shape(), tensor::values);
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    public long elementCount() {
        return NamedTensor.elementCount(shape);
    }

    @Override
    public String toString() {
        return "LazyTensor[" + name + " " + Arrays.toString(shape) + " float32]";
    }
}
