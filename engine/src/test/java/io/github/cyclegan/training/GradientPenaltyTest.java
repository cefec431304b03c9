package io.github.cyclegan.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.github.cyclegan.model.CycleGanNetwork;
import io.github.cyclegan.model.DiscriminatorSpec;
import io.github.cyclegan.model.Networks;
import io.github.cyclegan.model.StateDictEntry;
import io.github.cyclegan.model.WeightFiles;
import io.github.cyclegan.weights.DjlTensors;
import io.github.cyclegan.weights.NamedTensor;

class GradientPenaltyTest {

    /**
     * Biases of the convolutions that InstanceNorm follows: the norm removes them, so their true gradient is
     * exactly 0 and both sides compute float noise (as in CycleGanModelParityTest).
     */
    private static final Set<String> CANCELLED_BY_INSTANCE_NORM = Set.of("model.2.bias", "model.5.bias", "model.8.bias");

    /**
     * Against PyTorch: the reference's cal_gradient_penalty (type mixed, constant 1, lambda 10) on a basic
     * discriminator with ndf 4, two 32x32 samples and given mixing weights
     * (resources/model/parity/make_parity_fixtures.py wgangp). The penalty, the input gradients and the
     * penalty's gradient with respect to every parameter of D (a gradient of a gradient) agree.
     */
    @Test
    void matchesPyTorchInValueAndInTheGradientOfEveryDiscriminatorParameter() throws Exception {
        Map<String, NamedTensor> fixture = WeightFiles.read(
                Path.of(GradientPenaltyTest.class.getResource("/model/parity/gradient_penalty.safetensors").toURI()));
        try (NDManager manager = NDManager.newBaseManager();
                GradientPenalty gp = new GradientPenalty(manager)) {
            CycleGanNetwork d = Networks.discriminator(DiscriminatorSpec.defaults().withNdf(4), manager, 1);
            WeightFiles.load(d, withPrefix(fixture, "D."));
            requireGradients(d);
            NDArray real = DjlTensors.toNDArray(fixture.get("real"), manager);
            NDArray fake = DjlTensors.toNDArray(fixture.get("fake"), manager);
            float[] alpha = fixture.get("alpha").data();
            float penalty;
            float[] inputGradient;
            try (NDManager scope = manager.newSubManager();
                    GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                ParameterStore store = new ParameterStore(scope, false);
                NDArray[] interpolates = new NDArray[1];
                NDArray value = gp.compute(x -> {
                    interpolates[0] = x;
                    return d.forward(store, new NDList(x), true).singletonOrThrow();
                }, real, fake, alpha);
                penalty = value.getFloat();
                inputGradient = gp.inputGradient(d.forward(store, new NDList(interpolates[0]), true).singletonOrThrow(),
                        interpolates[0]).toFloatArray();
                collector.backward(value);
            }

            float expectedPenalty = fixture.get("penalty").data()[0];
            // Last run: 0.346962154 against PyTorch's 0.346962363.
            assertThat((double) penalty).as("penalty").isCloseTo(expectedPenalty, within(1e-5 * expectedPenalty));
            // Last run: max difference 1.6e-7 at a largest value of 0.116.
            assertClose("input gradient", inputGradient, fixture.get("input_gradient").data(), 1e-5);
            double scale = 0;
            for (StateDictEntry entry : d.stateDict()) {
                scale = Math.max(scale, maxAbs(fixture.get("grad." + entry.key()).data()));
            }
            for (StateDictEntry entry : d.stateDict()) {
                NDArray gradient = entry.parameter().getArray().getGradient();
                // A gradient carrying a graph would make parameter and gradient hold each other (the leak
                // that backward(createGraph) causes); the penalty's gradients are plain values.
                assertThat(JniUtils.requiresGrad((PtNDArray) gradient)).as("%s.grad requires grad", entry.key()).isFalse();
                float[] actual = gradient.toFloatArray();
                if (CANCELLED_BY_INSTANCE_NORM.contains(entry.key())) {
                    // Last run: at most 2.6e-4 here (PyTorch 6.0e-5), against gradients up to 17.3 elsewhere.
                    assertThat(maxAbs(actual)).as("float noise of d penalty / d %s", entry.key()).isLessThan(1e-4 * scale);
                } else {
                    // Last run: at most 4.3e-6 of each tensor's largest value (4.8e-5 at 11.05).
                    assertClose("d penalty / d " + entry.key(), actual, fixture.get("grad." + entry.key()).data(), 2e-5);
                }
            }
        }
    }

    /**
     * Against a closed form: a linear critic D(x) = sum(w * x) has input gradient w for every sample, so
     * the penalty is lambda (||w|| - c)^2 and its gradient with respect to w is 2 lambda (||w|| - c) w / ||w||,
     * whatever the mixing weights.
     */
    @Test
    void matchesTheClosedFormForALinearCritic() {
        float[] w0 = {0.3f, -0.4f, 1.2f, 0.0f, 0.5f, -0.2f, 0.1f, 0.9f};
        double norm = 0;
        for (float v : w0) {
            norm += v * v;
        }
        norm = Math.sqrt(norm);
        try (NDManager manager = NDManager.newBaseManager(); GradientPenalty gp = new GradientPenalty(manager)) {
            NDArray w = manager.create(w0, new Shape(1, 2, 2, 2)).duplicate();
            w.setRequiresGradient(true);
            NDArray real = manager.randomUniform(-1, 1, new Shape(3, 2, 2, 2));
            NDArray fake = manager.randomUniform(-1, 1, new Shape(3, 2, 2, 2));
            double value;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray penalty = gp.compute(x -> x.mul(w).sum(new int[] {1, 2, 3}), real, fake, new SplitMix64(1));
                value = penalty.getFloat();
                collector.backward(penalty);
            }
            double lambda = GradientPenalty.LAMBDA;
            double c = GradientPenalty.CONSTANT;
            assertThat(value).as("penalty").isCloseTo(lambda * Math.pow(norm - c, 2), within(1e-4));
            float[] grad = w.getGradient().toFloatArray();
            for (int i = 0; i < w0.length; i++) {
                assertThat((double) grad[i]).as("d penalty / d w[%d]", i)
                        .isCloseTo(2 * lambda * (norm - c) * w0[i] / norm, within(1e-4));
            }
        }
    }

    @Test
    void drawsOneMixingWeightPerSampleFromTheGivenStream() {
        // D(x) = sum(x) over the sample: the input gradient is all ones whatever x, so only the draws matter.
        try (NDManager manager = NDManager.newBaseManager(); GradientPenalty gp = new GradientPenalty(manager)) {
            NDArray real = manager.zeros(new Shape(2, 1, 2, 2));
            SplitMix64 rng = new SplitMix64(5);
            try (GradientCollector ignored = Engine.getInstance().newGradientCollector()) {
                gp.compute(x -> x.sum(new int[] {1, 2, 3}), real, real, rng);
            }
            SplitMix64 expected = new SplitMix64(5);
            expected.nextDouble();
            expected.nextDouble();
            assertThat(rng.state()).isEqualTo(expected.state());
        }
    }

    /** Every element within {@code relative} times the largest expected magnitude. */
    private static void assertClose(String what, float[] actual, float[] expected, double relative) {
        assertThat(actual).as(what + " length").hasSameSizeAs(expected);
        double tolerance = relative * maxAbs(expected);
        for (int i = 0; i < actual.length; i++) {
            assertThat((double) actual[i]).as("%s[%d]", what, i).isCloseTo(expected[i], within(tolerance));
        }
    }

    private static double maxAbs(float[] values) {
        double max = 0;
        for (float v : values) {
            max = Math.max(max, Math.abs(v));
        }
        return max;
    }

    private static void requireGradients(CycleGanNetwork network) {
        for (StateDictEntry entry : network.stateDict()) {
            if (!entry.buffer()) {
                entry.parameter().getArray().setRequiresGradient(true);
            }
        }
    }

    private static Map<String, NamedTensor> withPrefix(Map<String, NamedTensor> all, String prefix) {
        Map<String, NamedTensor> out = new LinkedHashMap<>();
        all.forEach((key, value) -> {
            if (key.startsWith(prefix)) {
                String stripped = key.substring(prefix.length());
                out.put(stripped, value.withName(stripped));
            }
        });
        return out;
    }
}
