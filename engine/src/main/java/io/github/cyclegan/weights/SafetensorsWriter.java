package io.github.cyclegan.weights;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Writes float32 tensors as a safetensors file that {@code safetensors.torch.load_file} reads:
 * tensors sorted by name and laid out back to back in that order, the JSON header padded with
 * spaces to a multiple of 8 bytes so the data starts aligned, as the reference writer does.
 */
public final class SafetensorsWriter {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SafetensorsWriter() {
    }

    public static void write(Path path, Collection<NamedTensor> tensors) throws IOException {
        write(path, tensors, Map.of());
    }

    /**
     * Writes to a sibling temporary file first and then moves it into place, so a crash never
     * leaves a half-written file under the final name (checkpoints are read by other processes).
     */
    public static void write(Path path, Collection<NamedTensor> tensors, Map<String, String> metadata)
            throws IOException {
        Path absolute = path.toAbsolutePath();
        // Not Files.createTempFile: its owner-only permissions would stick to the final file.
        Path temporary = absolute.resolveSibling(absolute.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            try (OutputStream out = new BufferedOutputStream(
                    Files.newOutputStream(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), 1 << 16)) {
                write(out, tensors, metadata);
            }
            Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** The file's bytes in memory, for storing as one object. */
    public static byte[] toBytes(Collection<NamedTensor> tensors, Map<String, String> metadata) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            write(out, tensors, metadata);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return out.toByteArray();
    }

    /** Streams the file to {@code out}, which stays open. */
    public static void write(OutputStream out, Collection<NamedTensor> tensors, Map<String, String> metadata)
            throws IOException {
        List<LazyTensor> lazy = new ArrayList<>(tensors.size());
        tensors.forEach(tensor -> lazy.add(LazyTensor.of(tensor)));
        try (InputStream in = stream(lazy, metadata).open()) {
            in.transferTo(out);
        }
    }

    /**
     * The file as a stream of known length that fetches each tensor's values only when its bytes are due: the same
     * bytes as {@link #toBytes}, with one tensor on the heap at a time.
     */
    public static SafetensorsStream stream(Collection<LazyTensor> tensors, Map<String, String> metadata) {
        List<LazyTensor> sorted = sortedUnique(tensors);
        try {
            return new SafetensorsStream(sorted, header(sorted, metadata));
        } catch (IOException e) {
            throw new UncheckedIOException("a header of names and shapes always serialises", e);
        }
    }

    private static List<LazyTensor> sortedUnique(Collection<LazyTensor> tensors) {
        List<LazyTensor> sorted = new ArrayList<>(tensors);
        sorted.sort(Comparator.comparing(LazyTensor::name));
        Set<String> names = new HashSet<>();
        for (LazyTensor tensor : sorted) {
            if (tensor.name().isEmpty() || tensor.name().equals("__metadata__") || !names.add(tensor.name())) {
                throw new IllegalArgumentException("tensor names must be unique, non-empty and not __metadata__: '"
                        + tensor.name() + "'");
            }
        }
        return sorted;
    }

    private static byte[] header(List<LazyTensor> sorted, Map<String, String> metadata) throws IOException {
        Map<String, Object> header = new LinkedHashMap<>();
        if (!metadata.isEmpty()) {
            header.put("__metadata__", new TreeMap<>(metadata));
        }
        long offset = 0;
        for (LazyTensor tensor : sorted) {
            long end = offset + tensor.elementCount() * Float.BYTES;
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("dtype", TensorDType.F32.name());
            entry.put("shape", tensor.shape());
            entry.put("data_offsets", new long[] {offset, end});
            header.put(tensor.name(), entry);
            offset = end;
        }
        byte[] json = JSON.writeValueAsBytes(header);
        int padded = (json.length + 7) / 8 * 8;
        byte[] result = Arrays.copyOf(json, padded);
        Arrays.fill(result, json.length, padded, (byte) ' ');
        return result;
    }
}
