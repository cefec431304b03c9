package io.github.cyclegan.weights;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
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
