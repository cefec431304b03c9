package io.github.cyclegan.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.github.cyclegan.messaging.Network;
import io.github.cyclegan.messaging.options.GanMode;
import io.github.cyclegan.weights.DjlTensors;
import io.github.cyclegan.weights.NamedTensor;
import io.github.cyclegan.model.DiscriminatorSpec;
import io.github.cyclegan.messaging.options.GeneratorArchitecture;
import io.github.cyclegan.model.GeneratorSpec;
import io.github.cyclegan.model.WeightFiles;

/**
 * Two iterations of {@link CycleGanModel#optimize} against two iterations of the reference's
 * optimize_parameters() run by PyTorch from the same weights and images
 * (resources/model/parity/make_parity_fixtures.py): every loss term, and every weight after the
 * Adam updates, agree.
 */
class CycleGanModelParityTest {

    /**
     * A bias followed by InstanceNorm has an exactly zero true gradient (the norm removes the mean),
     * so what is left is float rounding noise of either sign, and Adam turns any nonzero gradient
     * into a step of about lr. Such biases can differ by up to lr per iteration between two correct
     * implementations; every weight must agree to 1e-5.
     */
    private static final float BIAS_TOLERANCE = 2 * 2e-4f * 2;

    static CycleGanOptions tinyOptions() {
        return CycleGanOptions.defaults()
                .withNetworks(GeneratorSpec.defaults().withArchitecture(GeneratorArchitecture.RESNET_6BLOCKS).withNgf(4),
                        DiscriminatorSpec.defaults().withNdf(4))
                .withPoolSize(0);
    }

    @Test
    void twoIterationsMatchTheReferenceLossesAndWeights() throws Exception {
        twoIterations(tinyOptions(), read("cyclegan_iteration_io.safetensors"), read("cyclegan_iteration_final.safetensors"));
    }

    /**
     * wgangp with the gradient penalty in each discriminator loss, from the same weights and images. PyTorch
     * draws the penalty's mixing weights from the engine's SplitMix64 stream for seed 0, written out in the
     * fixture script, so both sides mix the same images; the penalty's gradient of a gradient reaches
     * D's weights through Adam.
     */
    @Test
    void twoWganGpIterationsMatchTheReferenceLossesAndWeights() throws Exception {
        twoIterations(tinyOptions().withGanMode(GanMode.WGANGP), merged(read("cyclegan_iteration_io.safetensors"),
                read("cyclegan_wgangp_io.safetensors")), read("cyclegan_wgangp_final.safetensors"));
    }

    private static void twoIterations(CycleGanOptions options, Map<String, NamedTensor> io,
            Map<String, NamedTensor> expectedFinal) throws Exception {
        Map<String, NamedTensor> initial = read("cyclegan_iteration_initial.safetensors");
        try (NDManager manager = NDManager.newBaseManager(); CycleGanModel model = new CycleGanModel(options, manager)) {
            for (Network name : Network.values()) {
                WeightFiles.load(model.network(name), withoutPrefix(initial, name.name()));
            }
            int arraysBefore = model.managedArrayCount();
            for (int it = 0; it < 2; it++) {
                NDArray realA = DjlTensors.toNDArray(io.get("real_A." + it), manager);
                NDArray realB = DjlTensors.toNDArray(io.get("real_B." + it), manager);
                LossTerms losses = model.optimize(realA, realB, 2e-4);
                for (Map.Entry<String, Double> term : losses.asMap().entrySet()) {
                    float expected = io.get("loss." + it + "." + term.getKey()).data()[0];
                    assertThat(term.getValue()).as("iteration %d loss %s", it, term.getKey())
                            .isCloseTo(expected, within(1e-4 * Math.max(1, Math.abs(expected))));
                }
            }
            assertThat(model.managedArrayCount()).as("arrays left in the model after two iterations (pool size 0)")
                    .isEqualTo(arraysBefore);
            for (Network name : Network.values()) {
                for (NamedTensor actual : WeightFiles.tensors(model.network(name))) {
                    float[] expected = expectedFinal.get(name + "." + actual.name()).data();
                    float[] values = actual.data();
                    float tolerance = actual.name().endsWith(".bias") ? BIAS_TOLERANCE : 1e-5f;
                    for (int i = 0; i < values.length; i++) {
                        assertThat(values[i]).as("%s.%s[%d]", name, actual.name(), i).isCloseTo(expected[i], within(tolerance));
                    }
                }
            }
        }
    }

    /** The inputs of the first map with the loss terms of the second. */
    private static Map<String, NamedTensor> merged(Map<String, NamedTensor> inputs, Map<String, NamedTensor> losses) {
        Map<String, NamedTensor> out = new LinkedHashMap<>();
        inputs.forEach((key, value) -> {
            if (!key.startsWith("loss.")) {
                out.put(key, value);
            }
        });
        out.putAll(losses);
        return out;
    }

    private static Map<String, NamedTensor> withoutPrefix(Map<String, NamedTensor> all, String network) {
        Map<String, NamedTensor> out = new LinkedHashMap<>();
        all.forEach((key, value) -> {
            if (key.startsWith(network + ".")) {
                String stripped = key.substring(network.length() + 1);
                out.put(stripped, value.withName(stripped));
            }
        });
        return out;
    }

    private static Map<String, NamedTensor> read(String file) throws Exception {
        return WeightFiles.read(Path.of(CycleGanModelParityTest.class.getResource("/model/parity/" + file).toURI()));
    }
}
