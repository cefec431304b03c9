package io.github.cyclegan.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import io.github.cyclegan.messaging.options.GeneratorArchitecture;
import io.github.cyclegan.weights.DjlTensors;
import io.github.cyclegan.weights.NamedTensor;

/**
 * The Java networks compute what PyTorch computes: weights made and saved by PyTorch
 * (resources/model/parity/make_parity_fixtures.py; the safetensors copies of its .pth files are checked
 * tensor for tensor by pth-import's ParityFixturesTest) are loaded, run on PyTorch's input, and must give
 * PyTorch's output within 1e-4. Exported safetensors must load back
 * into an equal network, and into PyTorch's: {@code make_parity_fixtures.py check} loads the files this
 * test leaves in {@code target/parity/}.
 */
class ReferenceParityTest {

    private static final double TOLERANCE = 1e-4;

    /** Kept after the build so make_parity_fixtures.py can check that PyTorch loads them. */
    private static final Path EXPORTS = Path.of("target", "parity");

    static Stream<Arguments> fixtures() {
        GeneratorSpec tinyResnet = GeneratorSpec.defaults().withNgf(4);
        return Stream.of(
                Arguments.of("resnet_6blocks_ngf4", Networks.generator(
                        tinyResnet.withArchitecture(GeneratorArchitecture.RESNET_6BLOCKS))),
                Arguments.of("resnet_9blocks_ngf4", Networks.generator(tinyResnet)),
                Arguments.of("unet_128_ngf2", Networks.generator(GeneratorSpec.defaults()
                        .withArchitecture(GeneratorArchitecture.UNET_128).withNgf(2))),
                Arguments.of("basic_d_ndf4", Networks.discriminator(DiscriminatorSpec.defaults().withNdf(4))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void importedReferenceWeightsGiveTheReferenceOutput(String name, CycleGanNetwork network) throws Exception {
        Map<String, NamedTensor> io = WeightFiles.read(fixture(name + "_io.safetensors"));
        try (NDManager manager = NDManager.newBaseManager()) {
            network.initializeWeights(manager, 2L);
            WeightFiles.load(network, fixture(name + ".safetensors"));
            assertThat(maxAbsDiff(network, manager, io)).as(name).isLessThanOrEqualTo(TOLERANCE);

            java.nio.file.Files.createDirectories(EXPORTS);
            Path exported = EXPORTS.resolve(name + ".safetensors");
            WeightFiles.save(network, exported, Map.of("source", name));
            assertThat(WeightFiles.read(exported).keySet())
                    .containsExactlyInAnyOrderElementsOf(WeightFiles.read(fixture(name + ".safetensors")).keySet());
            network.initializeWeights(manager, 3L);
            WeightFiles.load(network, exported);
            assertThat(maxAbsDiff(network, manager, io)).as("after safetensors round trip").isLessThanOrEqualTo(TOLERANCE);
        }
    }

    private static double maxAbsDiff(CycleGanNetwork network, NDManager manager, Map<String, NamedTensor> io) {
        try (NDManager scope = manager.newSubManager()) {
            NDArray input = DjlTensors.toNDArray(io.get("input"), scope);
            NDArray expected = DjlTensors.toNDArray(io.get("output"), scope);
            NDArray actual = network.forward(new ParameterStore(scope, false), new NDList(input), false).singletonOrThrow();
            assertThat(actual.getShape()).isEqualTo(expected.getShape());
            return actual.sub(expected).abs().max().getFloat();
        }
    }

    private static Path fixture(String file) throws URISyntaxException, IOException {
        return Path.of(ReferenceParityTest.class.getResource("/model/parity/" + file).toURI());
    }
}
