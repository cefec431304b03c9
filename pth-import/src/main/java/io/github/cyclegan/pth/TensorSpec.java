package io.github.cyclegan.pth;

import io.github.cyclegan.weights.NamedTensor;
import io.github.cyclegan.weights.TensorFormatException;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * What {@code torch._utils._rebuild_tensor_v2} describes: a strided window onto a storage.
 * Several specs may share one storage (views saved together), so data is only copied out when
 * the tensor is materialised.
 */
record TensorSpec(StorageRef storage, long offset, long[] size, long[] stride) {

    /**
     * Copies this window out of its storage's little-endian bytes into a dense row-major tensor,
     * so non-contiguous and offset views come out exactly as {@code tensor.contiguous()} would.
     */
    NamedTensor materialise(String name, ByteBuffer storageBytes) throws TensorFormatException {
        if (size.length != stride.length) {
            throw new TensorFormatException(name + ": size " + Arrays.toString(size)
                    + " and stride " + Arrays.toString(stride) + " differ in rank");
        }
        long count;
        try {
            count = NamedTensor.elementCount(size);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new TensorFormatException(name + ": invalid size " + Arrays.toString(size), e);
        }
        if (count > Integer.MAX_VALUE - 8) {
            throw new TensorFormatException(name + ": " + count + " elements is too large");
        }
        checkBounds(name, count);
        float[] data = new float[(int) count];
        long base = storage.viewOffset() + offset;
        int elementSize = storage.dtype().byteSize();
        int rank = size.length;
        long[] index = new long[rank];
        long position = base;
        try {
            for (int i = 0; i < data.length; i++) {
                data[i] = storage.dtype().read(storageBytes, Math.toIntExact(position * elementSize));
                // Odometer over the indices, keeping the storage position in step with the strides.
                for (int d = rank - 1; d >= 0; d--) {
                    index[d]++;
                    position += stride[d];
                    if (index[d] < size[d]) {
                        break;
                    }
                    position -= stride[d] * index[d];
                    index[d] = 0;
                }
            }
        } catch (ArithmeticException e) {
            throw new TensorFormatException(name + ": " + e.getMessage(), e);
        }
        return new NamedTensor(name, size, data);
    }

    private void checkBounds(String name, long count) throws TensorFormatException {
        if (offset < 0) {
            throw new TensorFormatException(name + ": negative storage offset " + offset);
        }
        if (count == 0) {
            return;
        }
        long last = offset;
        try {
            for (int d = 0; d < size.length; d++) {
                if (stride[d] < 0) {
                    throw new TensorFormatException(name + ": negative stride " + Arrays.toString(stride));
                }
                last = Math.addExact(last, Math.multiplyExact(size[d] - 1, stride[d]));
            }
        } catch (ArithmeticException e) {
            throw new TensorFormatException(name + ": stride " + Arrays.toString(stride) + " overflows", e);
        }
        if (last >= storage.viewElements()) {
            throw new TensorFormatException(name + ": offset " + offset + ", size " + Arrays.toString(size)
                    + " and stride " + Arrays.toString(stride) + " reach element " + last
                    + " of a storage holding " + storage.viewElements());
        }
    }
}
