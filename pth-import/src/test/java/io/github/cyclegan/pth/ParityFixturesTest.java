package io.github.cyclegan.pth;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cyclegan.weights.Fixtures;
import io.github.cyclegan.weights.NamedTensor;
import io.github.cyclegan.weights.SafetensorsReader;
import io.github.cyclegan.weights.SafetensorsWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The engine's parity tests read safetensors copies of the PyTorch-made {@code .pth} fixtures (the engine has no
 * pickle reader). This test is the link between the two: every copy holds exactly the tensors PyTorch saved, in both
 * {@code .pth} formats where the fixture has a legacy twin. Running it with
 * {@code -Dparity.write=engine/src/test/resources/model/parity} (an absolute path, or one relative to this module)
 * writes the copies after {@code make_parity_fixtures.py} has made new {@code .pth} files.
 */
class ParityFixturesTest {

    private static final String FOLDER = "/model/parity/";

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"resnet_6blocks_ngf4", "resnet_9blocks_ngf4", "unet_128_ngf2", "basic_d_ndf4"})
    void networkFixturesMatchInBothPthFormats(String name) throws Exception {
        Map<String, NamedTensor> zip = copied(name);
        assertThat(PthReader.read(Fixtures.resource(FOLDER + name + "_legacy.pth"))).isEqualTo(zip);
        copied(name + "_io");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"cyclegan_iteration_initial", "cyclegan_iteration_io", "cyclegan_iteration_final",
        "gradient_penalty", "cyclegan_wgangp_io", "cyclegan_wgangp_final"})
    void iterationFixturesMatch(String name) throws Exception {
        copied(name);
    }

    /** The {@code .pth} fixture's tensors, after checking (or, when asked, writing) its safetensors copy. */
    private static Map<String, NamedTensor> copied(String name) throws Exception {
        Map<String, NamedTensor> pth = PthReader.read(Fixtures.resource(FOLDER + name + ".pth"));
        String target = System.getProperty("parity.write");
        Path copyFile;
        if (target == null) {
            copyFile = Fixtures.resource(FOLDER + name + ".safetensors");
        } else {
            Files.createDirectories(Path.of(target));
            copyFile = Path.of(target, name + ".safetensors");
            SafetensorsWriter.write(copyFile, pth.values(), Map.of("source", name + ".pth"));
        }
        Map<String, NamedTensor> copy = SafetensorsReader.read(copyFile).tensors();
        assertThat(copy).as(name).isEqualTo(pth);
        return pth;
    }
}
