package io.github.cyclegan.image;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * A network-side image: float32 values in [-1, 1], C×H×W row-major, as the reference's tensors.
 * The array is held as given, not copied; treat it as read-only.
 */
public record ChwImage(int channels, int height, int width, float[] data) {

    public ChwImage {
        if (channels < 1) {
            throw new IllegalArgumentException("an image tensor needs at least one channel, not " + channels);
        }
        if (height <= 0 || width <= 0) {
            throw new IllegalArgumentException("image dimensions must be positive, were " + width + "x" + height);
        }
        if (data == null || data.length != (long) channels * height * width) {
            throw new IllegalArgumentException("a " + channels + "x" + height + "x" + width + " tensor needs "
                    + (long) channels * height * width + " values, got " + (data == null ? 0 : data.length));
        }
    }

    /** Whether {@code other} has the same height and width. */
    public boolean sameSize(ChwImage other) {
        return height == other.height && width == other.width;
    }

    @Override
    public String toString() {
        return "ChwImage[" + channels + "x" + height + "x" + width + "]";
    }

    public Shape shape() {
        return new Shape(channels, height, width);
    }

    /** A new C×H×W float32 array owned by {@code manager}. */
    public NDArray toNDArray(NDManager manager) {
        return manager.create(data, shape());
    }

    /** Reads a C×H×W or 1×C×H×W array (any float type) back; the array is not closed. */
    public static ChwImage of(NDArray array) {
        long[] dims = array.getShape().getShape();
        if (dims.length == 4 && dims[0] == 1) {
            dims = new long[] {dims[1], dims[2], dims[3]};
        }
        if (dims.length != 3) {
            throw new IllegalArgumentException("expected a C×H×W or 1×C×H×W image tensor, got " + array.getShape());
        }
        float[] values;
        if (array.getDataType() == DataType.FLOAT32) {
            values = array.toFloatArray();
        } else {
            try (NDArray asFloat = array.toType(DataType.FLOAT32, true)) {
                values = asFloat.toFloatArray();
            }
        }
        return new ChwImage(Math.toIntExact(dims[0]), Math.toIntExact(dims[1]), Math.toIntExact(dims[2]), values);
    }
}
