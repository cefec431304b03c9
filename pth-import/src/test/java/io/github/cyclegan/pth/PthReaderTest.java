package io.github.cyclegan.pth;

import io.github.cyclegan.weights.TensorFormatException;

import io.github.cyclegan.weights.Fixtures;

import io.github.cyclegan.weights.NamedTensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PthReaderTest {

    @TempDir
    Path dir;

    @Test
    void zipCheckpointMatchesWhatPyTorchSaved() throws IOException {
        Map<String, NamedTensor> tensors = PthReader.read(Fixtures.path("tiny_zip.pth"));

        Fixtures.assertMatchesExpected(tensors, Fixtures.expected());
        assertThat(tensors.keySet()).containsExactlyElementsOf(Fixtures.expected().keySet());
    }

    @Test
    void legacyCheckpointMatchesWhatPyTorchSaved() throws IOException {
        Map<String, NamedTensor> tensors = PthReader.read(Fixtures.path("tiny_legacy.pth"));

        Fixtures.assertMatchesExpected(tensors, Fixtures.expected());
        assertThat(tensors.keySet()).containsExactlyElementsOf(Fixtures.expected().keySet());
    }

    @Test
    void stridedAndOffsetViewsOfOneStorageAreMaterialisedDense() throws IOException {
        Map<String, NamedTensor> tensors = PthReader.read(Fixtures.path("tiny_zip.pth"));

        // extra.transposed is base.t() (strides 1, 5) and extra.row is base[1] (offset 5).
        NamedTensor transposed = tensors.get("extra.transposed");
        assertThat(transposed.shape()).containsExactly(5, 3);
        float[] t = transposed.data();
        float[] baseRow1 = new float[5];
        for (int column = 0; column < 5; column++) {
            baseRow1[column] = t[column * 3 + 1];
        }
        assertThat(tensors.get("extra.row").data()).containsExactly(baseRow1);
    }

    @Test
    void legacyStorageViewsOfPrePointFourPyTorchAreResolved() throws IOException {
        Map<String, NamedTensor> tensors = PthReader.read(Fixtures.path("tiny_legacy_views.pth"));

        Fixtures.assertMatchesExpected(tensors, Fixtures.expected("tiny_legacy_views_expected.json"));
    }

    @Test
    void dataParallelPrefixIsStrippedOnlyWhenAsked() throws IOException {
        Path file = Fixtures.path("tiny_dataparallel.pth");

        assertThat(PthReader.read(file).keySet()).containsExactly("module.model.1.bias", "module.model.19.bias");
        Map<String, NamedTensor> stripped = PthReader.read(file, PthReader.Options.asStored().withModulePrefixStripped());
        assertThat(stripped.keySet()).containsExactly("model.1.bias", "model.19.bias");
        assertThat(stripped.get("model.1.bias").name()).isEqualTo("model.1.bias");
        assertThat(stripped.get("model.1.bias").data()).containsExactly(Fixtures.expected().get("model.1.bias").data());
    }

    @Test
    void instanceNormRunningStatsAreDroppedOnlyForTheGivenModules() throws IOException {
        Path file = Fixtures.path("tiny_legacy.pth");

        assertThat(PthReader.read(file).keySet()).contains("model.2.running_mean", "model.2.num_batches_tracked");
        Map<String, NamedTensor> dropped = PthReader.read(file,
                PthReader.Options.asStored().withRunningStatsDroppedFor("model.2"::equals));
        assertThat(dropped.keySet())
                .doesNotContain("model.2.running_mean", "model.2.running_var", "model.2.num_batches_tracked")
                .contains("model.1.weight", "model.19.bias");
        assertThat(dropped).hasSize(Fixtures.expected().size() - 3);
    }

    @Test
    void refusesAPickleThatCallsOsSystem() throws IOException {
        // The classic exploit: GLOBAL os.system, then REDUCE with a shell command.
        byte[] exploit = ("\u0080\u0002cos\nsystem\n(X\u0005\u0000\u0000\u0000touch" + "tR.")
                .getBytes(StandardCharsets.ISO_8859_1);
        Path file = dir.resolve("evil.pth");
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("evil/data.pkl"));
            zip.write(exploit);
            zip.closeEntry();
        }

        assertThatThrownBy(() -> PthReader.read(file))
                .isInstanceOf(TensorFormatException.class)
                .hasMessageContaining("refusing pickle global 'os.system'");
    }

    @Test
    void truncatedLegacyCheckpointIsAClearError() throws IOException {
        byte[] whole = Files.readAllBytes(Fixtures.path("tiny_legacy.pth"));
        Path cutInData = dir.resolve("cut_data.pth");
        Files.write(cutInData, Arrays.copyOf(whole, whole.length - 100));
        Path cutInPickle = dir.resolve("cut_pickle.pth");
        Files.write(cutInPickle, Arrays.copyOf(whole, 400));

        assertThatThrownBy(() -> PthReader.read(cutInData))
                .isInstanceOf(TensorFormatException.class)
                .hasMessageContaining("truncated legacy checkpoint");
        assertThatThrownBy(() -> PthReader.read(cutInPickle))
                .isInstanceOf(TensorFormatException.class)
                .hasMessageContaining("truncated pickle");
    }

    @Test
    void truncatedZipCheckpointIsAClearError() throws IOException {
        byte[] whole = Files.readAllBytes(Fixtures.path("tiny_zip.pth"));
        Path cut = dir.resolve("cut.pth");
        Files.write(cut, Arrays.copyOf(whole, whole.length / 2));

        assertThatThrownBy(() -> PthReader.read(cut))
                .isInstanceOf(TensorFormatException.class)
                .hasMessageContaining("truncated or corrupt zip checkpoint");
    }

    @Test
    void aFileThatIsNoCheckpointIsAClearError() throws IOException {
        Path text = dir.resolve("notes.pth");
        Files.writeString(text, "hello");

        assertThatThrownBy(() -> PthReader.read(text))
                .isInstanceOf(TensorFormatException.class)
                .hasMessageContaining("neither a zip nor a legacy torch checkpoint");
    }
}
