package io.github.cyclegan.weights;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Iterator;
import java.util.List;

/**
 * A safetensors file that is produced while it is read: its length is known from the tensors' shapes up front, and
 * each {@link #open()} streams the same bytes {@link SafetensorsWriter#toBytes} would give, fetching one tensor's
 * values at a time (a 64 KiB buffer on top of them), so a large file never sits on the heap whole.
 */
public final class SafetensorsStream {

    private static final int CHUNK_FLOATS = 16 * 1024;

    private final List<LazyTensor> tensors;
    private final byte[] prefix;
    private final long length;

    SafetensorsStream(List<LazyTensor> sorted, byte[] header) {
        this.tensors = List.copyOf(sorted);
        this.prefix = ByteBuffer.allocate(Long.BYTES + header.length).order(ByteOrder.LITTLE_ENDIAN)
                .putLong(header.length).put(header).array();
        long data = 0;
        for (LazyTensor tensor : sorted) {
            data = Math.addExact(data, Math.multiplyExact(tensor.elementCount(), (long) Float.BYTES));
        }
        this.length = prefix.length + data;
    }

    /** The file's size in bytes. */
    public long length() {
        return length;
    }

    /** The file from its first byte; every call starts again and fetches the tensors' values again. */
    public InputStream open() {
        return new Reader();
    }

    private final class Reader extends InputStream {
        private final Iterator<LazyTensor> remaining = tensors.iterator();
        private final ByteBuffer chunk = ByteBuffer.allocate(CHUNK_FLOATS * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        private ByteBuffer current = ByteBuffer.wrap(prefix);
        private FloatBuffer values;
        private LazyTensor tensor;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] into, int offset, int count) throws IOException {
            java.util.Objects.checkFromIndexSize(offset, count, into.length);
            if (count == 0) {
                return 0;
            }
            if (!current.hasRemaining() && !advance()) {
                return -1;
            }
            int n = Math.min(count, current.remaining());
            current.get(into, offset, n);
            return n;
        }

        /** Makes the next bytes current: the next chunk of this tensor, or the first of the next one. */
        private boolean advance() throws IOException {
            while (values == null || !values.hasRemaining()) {
                values = null;
                if (!remaining.hasNext()) {
                    return false;
                }
                tensor = remaining.next();
                FloatBuffer fetched = tensor.values().get();
                if (fetched.remaining() != tensor.elementCount()) {
                    throw new IOException("tensor " + tensor.name() + " gave " + fetched.remaining() + " values, its shape "
                            + java.util.Arrays.toString(tensor.shape()) + " needs " + tensor.elementCount());
                }
                values = fetched.duplicate();
            }
            chunk.clear();
            FloatBuffer floats = chunk.asFloatBuffer();
            int n = Math.min(floats.remaining(), values.remaining());
            FloatBuffer slice = values.slice();
            slice.limit(n);
            floats.put(slice);
            values.position(values.position() + n);
            if (!values.hasRemaining()) {
                values = null; // the tensor's values can go as soon as its last chunk is out
            }
            chunk.limit(n * Float.BYTES);
            current = chunk;
            return true;
        }
    }
}
