package io.github.cyclegan.weights;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Reads safetensors files: an 8-byte little-endian header length, a JSON header giving each
 * tensor's dtype, shape and byte range, then the little-endian data. The header is checked as
 * strictly as the reference implementation does (ranges inside the data, sizes matching shapes,
 * no overlaps or gaps) so a hostile file fails with a message rather than a bad read.
 */
public final class SafetensorsReader {

    /** The reference implementation's limit: real headers are at most a few MB. */
    static final long MAX_HEADER_BYTES = 100L << 20;

    /** How much of a streamed tensor's data is read at a time; a multiple of every dtype's size. */
    private static final int STREAM_CHUNK_BYTES = 64 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private record Entry(String name, TensorDType dtype, long[] shape, long begin, long end) {
    }

    private SafetensorsReader() {
    }

    public static SafetensorsFile read(Path path) throws IOException {
        try {
            return read(ByteBuffer.wrap(Files.readAllBytes(path)));
        } catch (TensorFormatException e) {
            throw new TensorFormatException(path + ": " + e.getMessage(), e);
        }
    }

    /** Reads a whole file held in memory, e.g. an object fetched from storage. */
    public static SafetensorsFile read(byte[] file) throws TensorFormatException {
        return read(ByteBuffer.wrap(file));
    }

    static SafetensorsFile read(ByteBuffer file) throws TensorFormatException {
        file.order(ByteOrder.LITTLE_ENDIAN);
        if (file.remaining() < Long.BYTES) {
            throw new TensorFormatException("truncated safetensors file: " + file.remaining()
                    + " bytes, too short for the header length");
        }
        long headerLength = file.getLong(0);
        long available = file.remaining() - Long.BYTES;
        if (headerLength < 2 || headerLength > MAX_HEADER_BYTES || headerLength > available) {
            throw new TensorFormatException("safetensors header length " + headerLength
                    + " is impossible for a file with " + available + " bytes after it (truncated or not safetensors)");
        }
        byte[] headerBytes = new byte[(int) headerLength];
        file.get(Long.BYTES, headerBytes);
        ByteBuffer data = file.slice(Long.BYTES + (int) headerLength, (int) (available - headerLength))
                .order(ByteOrder.LITTLE_ENDIAN);

        JsonNode header = parseHeader(headerBytes);
        Map<String, String> metadata = metadata(header.get("__metadata__"));
        List<Entry> entries = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (!field.getKey().equals("__metadata__")) {
                entries.add(entry(field.getKey(), field.getValue(), data.capacity()));
            }
        }
        checkLayout(entries, data.capacity());

        Map<String, NamedTensor> tensors = new HashMap<>();
        for (Entry entry : entries) {
            tensors.put(entry.name(), decode(entry, data));
        }
        return new SafetensorsFile(metadata, tensors);
    }

    /** Takes the tensors of a streamed file one at a time. */
    @FunctionalInterface
    public interface TensorConsumer {
        void accept(NamedTensor tensor) throws IOException;
    }

    /**
     * Reads a safetensors file from a stream one tensor at a time, in the order of their data, and hands each to
     * {@code consumer} before reading the next: only one tensor is on the heap at a time. The file is checked as
     * strictly as {@link #read(byte[])} checks it, and the stream must end where the tensors' data ends. A consumer
     * has seen the tensors before a later one turns out to be malformed.
     *
     * @return the file's {@code __metadata__}
     */
    public static Map<String, String> stream(InputStream in, TensorConsumer consumer) throws IOException {
        byte[] lengthBytes = in.readNBytes(Long.BYTES);
        if (lengthBytes.length < Long.BYTES) {
            throw new TensorFormatException("truncated safetensors file: " + lengthBytes.length
                    + " bytes, too short for the header length");
        }
        long headerLength = ByteBuffer.wrap(lengthBytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
        if (headerLength < 2 || headerLength > MAX_HEADER_BYTES) {
            throw new TensorFormatException("safetensors header length " + headerLength + " is impossible (not safetensors)");
        }
        byte[] headerBytes = in.readNBytes((int) headerLength);
        if (headerBytes.length < headerLength) {
            throw new TensorFormatException("truncated safetensors file: the header needs " + headerLength + " bytes, "
                    + headerBytes.length + " follow");
        }
        JsonNode header = parseHeader(headerBytes);
        Map<String, String> metadata = metadata(header.get("__metadata__"));
        List<Entry> entries = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (!field.getKey().equals("__metadata__")) {
                entries.add(entry(field.getKey(), field.getValue(), Long.MAX_VALUE));
            }
        }
        long dataBytes = entries.stream().mapToLong(Entry::end).max().orElse(0);
        checkLayout(entries, dataBytes);
        entries.sort(Comparator.comparingLong(Entry::begin));
        byte[] chunk = new byte[STREAM_CHUNK_BYTES];
        for (Entry entry : entries) {
            long size = entry.end() - entry.begin();
            if (size / entry.dtype().byteSize() > Integer.MAX_VALUE - 8) {
                throw new TensorFormatException("tensor '" + entry.name() + "' is too large to read (" + size + " bytes)");
            }
            consumer.accept(decode(entry, in, chunk));
        }
        if (in.read() >= 0) {
            throw new TensorFormatException("safetensors data section holds more bytes than the tensors cover ("
                    + dataBytes + ")");
        }
        return metadata;
    }

    private static JsonNode parseHeader(byte[] headerBytes) throws TensorFormatException {
        if (headerBytes[0] != '{') {
            throw new TensorFormatException("safetensors header does not start with '{'");
        }
        JsonNode header;
        try {
            header = JSON.readTree(new String(headerBytes, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new TensorFormatException("safetensors header is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (header == null || !header.isObject()) {
            throw new TensorFormatException("safetensors header is not a JSON object");
        }
        return header;
    }

    private static Map<String, String> metadata(JsonNode node) throws TensorFormatException {
        Map<String, String> metadata = new HashMap<>();
        if (node == null) {
            return metadata;
        }
        if (!node.isObject()) {
            throw new TensorFormatException("__metadata__ is not a JSON object");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (!field.getValue().isTextual()) {
                throw new TensorFormatException("__metadata__ value of '" + field.getKey() + "' is not a string");
            }
            metadata.put(field.getKey(), field.getValue().textValue());
        }
        return metadata;
    }

    private static Entry entry(String name, JsonNode node, long dataBytes) throws TensorFormatException {
        JsonNode dtypeNode = node.get("dtype");
        JsonNode shapeNode = node.get("shape");
        JsonNode offsetsNode = node.get("data_offsets");
        if (dtypeNode == null || !dtypeNode.isTextual() || shapeNode == null || !shapeNode.isArray()
                || offsetsNode == null || !offsetsNode.isArray() || offsetsNode.size() != 2) {
            throw new TensorFormatException("tensor '" + name + "' needs a dtype string, a shape array"
                    + " and data_offsets [begin, end]");
        }
        TensorDType dtype;
        try {
            dtype = TensorDType.valueOf(dtypeNode.textValue());
        } catch (IllegalArgumentException e) {
            throw new TensorFormatException("tensor '" + name + "' has unsupported dtype " + dtypeNode.textValue()
                    + " (supported: F32, F64, F16, BF16, I64, I32)", e);
        }
        long[] shape = new long[shapeNode.size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = nonNegative(shapeNode.get(i), name, "shape");
        }
        long begin = nonNegative(offsetsNode.get(0), name, "data_offsets");
        long end = nonNegative(offsetsNode.get(1), name, "data_offsets");
        if (begin > end || end > dataBytes) {
            throw new TensorFormatException("tensor '" + name + "' has data_offsets [" + begin + ", " + end
                    + "] out of range: the data section holds " + dataBytes + " bytes");
        }
        long needed;
        try {
            needed = Math.multiplyExact(NamedTensor.elementCount(shape), dtype.byteSize());
        } catch (ArithmeticException e) {
            throw new TensorFormatException("tensor '" + name + "' has an overflowing shape", e);
        }
        if (end - begin != needed) {
            throw new TensorFormatException("tensor '" + name + "' spans " + (end - begin) + " bytes but shape "
                    + Arrays.toString(shape) + " of " + dtype + " needs " + needed);
        }
        return new Entry(name, dtype, shape, begin, end);
    }

    private static long nonNegative(JsonNode node, String name, String field) throws TensorFormatException {
        if (node == null || !node.canConvertToExactIntegral() || !node.canConvertToLong() || node.asLong() < 0) {
            throw new TensorFormatException("tensor '" + name + "' has a " + field
                    + " value that is not a non-negative integer: " + node);
        }
        return node.asLong();
    }

    /** Like the reference implementation, ranges must tile the data section exactly. */
    private static void checkLayout(List<Entry> entries, long dataBytes) throws TensorFormatException {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        long covered = 0;
        Entry previous = null;
        for (Entry entry : sorted) {
            if (entry.begin() < covered) {
                throw new TensorFormatException("tensors '" + previous.name() + "' and '" + entry.name()
                        + "' overlap in the data section");
            }
            if (entry.begin() > covered) {
                throw new TensorFormatException("data section bytes [" + covered + ", " + entry.begin()
                        + ") belong to no tensor");
            }
            covered = entry.end();
            previous = entry;
        }
        if (covered != dataBytes) {
            throw new TensorFormatException("data section holds " + dataBytes + " bytes but the tensors cover "
                    + covered);
        }
    }

    /** Reads one tensor's data from the stream through {@code chunk}, never holding its bytes whole. */
    private static NamedTensor decode(Entry entry, InputStream in, byte[] chunk) throws IOException {
        int size = entry.dtype().byteSize();
        float[] values = new float[(int) ((entry.end() - entry.begin()) / size)];
        int perChunk = chunk.length / size;
        ByteBuffer buffer = ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN);
        try {
            for (int done = 0; done < values.length; ) {
                int count = Math.min(perChunk, values.length - done);
                int read = in.readNBytes(chunk, 0, count * size);
                if (read < count * size) {
                    throw new TensorFormatException("truncated safetensors file: tensor '" + entry.name() + "' needs "
                            + (entry.end() - entry.begin()) + " bytes, " + ((long) done * size + read) + " follow");
                }
                for (int i = 0; i < count; i++) {
                    values[done + i] = entry.dtype().read(buffer, i * size);
                }
                done += count;
            }
        } catch (ArithmeticException e) {
            throw new TensorFormatException("tensor '" + entry.name() + "': " + e.getMessage(), e);
        }
        return new NamedTensor(entry.name(), entry.shape(), values);
    }

    private static NamedTensor decode(Entry entry, ByteBuffer data) throws TensorFormatException {
        int size = entry.dtype().byteSize();
        float[] values = new float[(int) ((entry.end() - entry.begin()) / size)];
        try {
            for (int i = 0; i < values.length; i++) {
                values[i] = entry.dtype().read(data, (int) entry.begin() + i * size);
            }
        } catch (ArithmeticException e) {
            throw new TensorFormatException("tensor '" + entry.name() + "': " + e.getMessage(), e);
        }
        return new NamedTensor(entry.name(), entry.shape(), values);
    }
}
