package io.github.cyclegan.weights;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Moves {@link NamedTensor}s into and out of DJL. Kept apart from the readers so that reading
 * and checking weight files never needs the native engine.
 */
public final class DjlTensors {

    private DjlTensors() {
    }

    /** A float32 array in {@code manager}, named after the tensor; the caller closes it (or its manager). */
    public static NDArray toNDArray(NamedTensor tensor, NDManager manager) {
        NDArray array = manager.create(tensor.values(), new Shape(tensor.shape()));
        array.setName(tensor.name());
        return array;
    }

    /**
     * As {@link #toNDArray}, but in memory libtorch allocated: an array made from a Java buffer keeps a direct
     * buffer of its size reserved (against {@code -XX:MaxDirectMemorySize}, by default the heap's size) until it is
     * closed, so arrays that are kept a while, one per tensor of a large file, are better copied out of it.
     */
    public static NDArray toOwnedNDArray(NamedTensor tensor, NDManager manager) {
        try (NDManager scope = manager.newSubManager()) {
            NDArray owned = toNDArray(tensor, scope).duplicate();
            owned.attach(manager);
            owned.setName(tensor.name());
            return owned;
        }
    }

    public static NDList toNDList(Collection<NamedTensor> tensors, NDManager manager) {
        NDList list = new NDList(tensors.size());
        for (NamedTensor tensor : tensors) {
            list.add(toNDArray(tensor, manager));
        }
        return list;
    }

    /**
     * Copies a named array out of the engine, as float32. The array stays open: it belongs to
     * the caller.
     */
    public static NamedTensor fromNDArray(NDArray array) {
        String name = array.getName();
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("array has no name; setName it to its state_dict key first");
        }
        long[] shape = array.getShape().getShape();
        if (array.getDataType() == DataType.FLOAT32) {
            return new NamedTensor(name, shape, array.toFloatArray());
        }
        try (NDArray converted = array.toType(DataType.FLOAT32, true)) {
            return new NamedTensor(name, shape, converted.toFloatArray());
        }
    }

    /** The array's values as float32 in a heap buffer of their own; the array stays open. */
    public static FloatBuffer floats(NDArray array) {
        if (array.getDataType() == DataType.FLOAT32) {
            return FloatBuffer.wrap(array.toFloatArray());
        }
        try (NDArray converted = array.toType(DataType.FLOAT32, true)) {
            return FloatBuffer.wrap(converted.toFloatArray());
        }
    }

    public static List<NamedTensor> fromNDList(NDList arrays) {
        List<NamedTensor> tensors = new ArrayList<>(arrays.size());
        for (NDArray array : arrays) {
            tensors.add(fromNDArray(array));
        }
        return tensors;
    }
}
