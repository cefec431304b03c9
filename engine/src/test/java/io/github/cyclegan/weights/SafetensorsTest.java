package io.github.cyclegan.weights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsTest {

    /** Kept after the build so make_fixtures.py can check that PyTorch loads what Java wrote. */
    private static final Path JAVA_WRITTEN = Path.of("target", "interop", "java_written.safetensors");

    @TempDir
    Path dir;

    @Test
    void writtenFileReadsBackWithSortedKeysAndMetadata() throws IOException {
        List<NamedTensor> shuffled = new ArrayList<>(Fixtures.expected().values());
        Collections.shuffle(shuffled, new Random(7));
        Files.createDirectories(JAVA_WRITTEN.getParent());

        SafetensorsWriter.write(JAVA_WRITTEN, shuffled, Map.of("format", "pt", "writer", "cyclegan-java"));
        SafetensorsFile read = SafetensorsReader.read(JAVA_WRITTEN);

        assertThat(read.metadata()).containsExactlyEntriesOf(new TreeMap<>(
                Map.of("format", "pt", "writer", "cyclegan-java")));
        assertThat(new ArrayList<>(read.tensors().keySet())).isSorted().hasSize(shuffled.size());
        for (NamedTensor tensor : shuffled) {
            assertThat(read.tensors().get(tensor.name())).isEqualTo(tensor);
        }
    }

    @Test
    void headerIsPaddedToEightBytesAndListsTensorsInNameOrder() throws IOException {
        Path file = dir.resolve("two.safetensors");
        SafetensorsWriter.write(file, List.of(
                new NamedTensor("b", new long[] {2}, new float[] {1, 2}),
                new NamedTensor("a", new long[] {}, new float[] {3})));

        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength = bytes.getLong(0);
        String header = new String(bytes.array(), 8, (int) headerLength, StandardCharsets.UTF_8);

        assertThat(headerLength % 8).isZero();
        assertThat(header.strip()).isEqualTo("{\"a\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[0,4]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}");
        assertThat(bytes.getFloat(8 + (int) headerLength)).isEqualTo(3f);
        assertThat(bytes.capacity()).isEqualTo(8 + headerLength + 12);
    }

    @Test
    void pythonWrittenFileMatchesWhatPyTorchSaved() throws IOException {
        SafetensorsFile read = SafetensorsReader.read(Fixtures.path("tiny.safetensors"));

        // Holds F32, F16, BF16, F64 and I64 tensors, all read as float32.
        Fixtures.assertMatchesExpected(read.tensors(), Fixtures.expected());
        assertThat(read.metadata()).containsEntry("format", "pt");
    }

    @Test
    void offsetsBeyondTheDataAreRejected() {
        assertThatThrownBy(() -> SafetensorsReader.read(file(
                Map.of("w", Map.of("dtype", "F32", "shape", List.of(2), "data_offsets", List.of(0, 16))), 8)))
                .isInstanceOf(TensorFormatException.class)
                .hasMessageContaining("tensor 'w' has data_offsets [0, 16] out of range");
    }

    @Test
    void sizeDisagreeingWithShapeIsRejected() {
        assertThatThrownBy(() -> SafetensorsReader.read(file(
                Map.of("w", Map.of("dtype", "F32", "shape", List.of(3), "data_offsets", List.of(0, 8))), 8)))
                .isInstanceOf(TensorFormatException.class)
                .hasMessageContaining("spans 8 bytes but shape [3] of F32 needs 12");
    }

    @Test
    void overlappingTensorsAreRejected() {
        assertThatThrownBy(() -> SafetensorsReader.read(file(Map.of(
                "a", Map.of("dtype", "F32", "shape", List.of(2), "data_offsets", List.of(0, 8)),
                "b", Map.of("dtype", "F32", "shape", List.of(2), "data_offsets", List.of(4, 12))), 12)))
                .isInstanceOf(TensorFormatException.class)
                .hasMessageContaining("overlap");
    }

    @Test
    void unknownDtypeIsRejected() {
        assertThatThrownBy(() -> SafetensorsReader.read(file(
                Map.of("w", Map.of("dtype", "U8", "shape", List.of(4), "data_offsets", List.of(0, 4))), 4)))
                .isInstanceOf(TensorFormatException.class)
                .hasMessageContaining("unsupported dtype U8");
    }

    @Test
    void truncatedFileIsAClearError() throws IOException {
        Path whole = dir.resolve("whole.safetensors");
        SafetensorsWriter.write(whole, Fixtures.expected().values());
        byte[] bytes = Files.readAllBytes(whole);
        Path cutInData = dir.resolve("cut_data.safetensors");
        Files.write(cutInData, Arrays.copyOf(bytes, bytes.length - 4));
        Path cutInHeader = dir.resolve("cut_header.safetensors");
        Files.write(cutInHeader, Arrays.copyOf(bytes, 100));

        assertThatThrownBy(() -> SafetensorsReader.read(cutInData))
                .isInstanceOf(TensorFormatException.class)
                .hasMessageContaining("out of range");
        assertThatThrownBy(() -> SafetensorsReader.read(cutInHeader))
                .isInstanceOf(TensorFormatException.class)
                .hasMessageContaining("truncated or not safetensors");
    }

    @Test
    void aStreamedFileHasTheBytesOfOneWrittenAtOnceAndFetchesEachTensorWhenDue() throws IOException {
        List<NamedTensor> tensors = new ArrayList<>(Fixtures.expected().values());
        tensors.add(new NamedTensor("big", new long[] {3, 20_000}, randomFloats(60_000)));
        List<String> fetched = new ArrayList<>();
        List<LazyTensor> lazy = tensors.stream().map(t -> new LazyTensor(t.name(), t.shape(), () -> {
            fetched.add(t.name());
            return t.values();
        })).toList();
        byte[] atOnce = SafetensorsWriter.toBytes(tensors, Map.of("format", "pt"));

        SafetensorsStream stream = SafetensorsWriter.stream(lazy, Map.of("format", "pt"));
        assertThat(fetched).as("nothing is fetched before the file is read").isEmpty();
        assertThat(stream.length()).isEqualTo(atOnce.length);
        try (InputStream in = stream.open()) {
            in.readNBytes(100);
            assertThat(fetched).as("the header needs no values").isEmpty();
            assertThat(in.readAllBytes()).isEqualTo(Arrays.copyOfRange(atOnce, 100, atOnce.length));
        }
        assertThat(fetched).as("each tensor once, in file order").isSorted().hasSize(tensors.size());
        try (InputStream again = stream.open()) {
            assertThat(again.readAllBytes()).isEqualTo(atOnce);
        }
    }

    @Test
    void aTensorThatGivesTheWrongNumberOfValuesFailsTheStream() {
        SafetensorsStream stream = SafetensorsWriter.stream(List.of(new LazyTensor("w", new long[] {4},
                () -> java.nio.FloatBuffer.wrap(new float[3]))), Map.of());
        assertThatThrownBy(() -> stream.open().readAllBytes()).isInstanceOf(IOException.class)
                .hasMessageContaining("tensor w gave 3 values, its shape [4] needs 4");
    }

    @Test
    void aStreamReadsTensorByTensorWithTheChecksOfAWholeRead() throws IOException {
        byte[] file = SafetensorsWriter.toBytes(Fixtures.expected().values(), Map.of("format", "pt"));
        Map<String, NamedTensor> streamed = new TreeMap<>();
        Map<String, String> metadata = SafetensorsReader.stream(new ByteArrayInputStream(file),
                tensor -> streamed.put(tensor.name(), tensor));
        assertThat(metadata).containsExactly(Map.entry("format", "pt"));
        assertThat(streamed).isEqualTo(SafetensorsReader.read(file).tensors());

        // The Python-made fixture lays its tensors out in another order than ours and mixes dtypes.
        Map<String, NamedTensor> python = new TreeMap<>();
        try (InputStream in = Files.newInputStream(Fixtures.path("tiny.safetensors"))) {
            SafetensorsReader.stream(in, t -> python.put(t.name(), t));
        }
        Fixtures.assertMatchesExpected(python, Fixtures.expected());

        assertThatThrownBy(() -> SafetensorsReader.stream(new ByteArrayInputStream(Arrays.copyOf(file, file.length - 4)),
                t -> { })).isInstanceOf(TensorFormatException.class).hasMessageContaining("truncated safetensors file: tensor");
        assertThatThrownBy(() -> SafetensorsReader.stream(new ByteArrayInputStream(Arrays.copyOf(file, 100)), t -> { }))
                .isInstanceOf(TensorFormatException.class).hasMessageContaining("truncated safetensors file: the header");
        assertThatThrownBy(() -> SafetensorsReader.stream(new ByteArrayInputStream(Arrays.copyOf(file, file.length + 1)),
                t -> { })).isInstanceOf(TensorFormatException.class).hasMessageContaining("more bytes than the tensors cover");
        byte[] overlapping = Files.readAllBytes(file(Map.of(
                "a", Map.of("dtype", "F32", "shape", List.of(2), "data_offsets", List.of(0, 8)),
                "b", Map.of("dtype", "F32", "shape", List.of(2), "data_offsets", List.of(4, 12))), 12));
        assertThatThrownBy(() -> SafetensorsReader.stream(new ByteArrayInputStream(overlapping), t -> { }))
                .isInstanceOf(TensorFormatException.class).hasMessageContaining("overlap");
    }

    private static float[] randomFloats(int count) {
        Random random = new Random(3);
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = random.nextFloat();
        }
        return values;
    }

    /** A safetensors file with the given header and {@code dataBytes} zero bytes of data. */
    private Path file(Map<String, Object> header, int dataBytes) throws IOException {
        byte[] json = new ObjectMapper().writeValueAsBytes(header);
        ByteBuffer bytes = ByteBuffer.allocate(8 + json.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        bytes.putLong(json.length).put(json);
        Path path = dir.resolve("crafted.safetensors");
        Files.write(path, bytes.array());
        return path;
    }
}
