package io.github.cyclegan.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;

/**
 * Against a linear critic D(x) = sum(w * x), whose input gradient is w for every sample: the
 * penalty is lambda (||w|| - c)^2 and its gradient with respect to w is 2 lambda (||w|| - c) w / ||w||.
 */
class GradientPenaltyTest {

    @Test
    void matchesTheClosedFormForALinearCriticInEveryMode() {
        float[] w0 = {0.3f, -0.4f, 1.2f, 0.0f, 0.5f, -0.2f, 0.1f, 0.9f};
        double norm = 0;
        for (float v : w0) {
            norm += v * v;
        }
        norm = Math.sqrt(norm);
        double lambda = 10;
        double constant = 1;
        for (GradientPenalty.Mode mode : GradientPenalty.Mode.values()) {
            try (NDManager manager = NDManager.newBaseManager()) {
                NDArray w = manager.create(w0, new Shape(1, 2, 2, 2)).duplicate();
                w.setRequiresGradient(true);
                NDArray real = manager.randomUniform(-1, 1, new Shape(3, 2, 2, 2));
                NDArray fake = manager.randomUniform(-1, 1, new Shape(3, 2, 2, 2));
                double value;
                try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    NDArray penalty = GradientPenalty.compute(x -> x.mul(w).sum(new int[] {1, 2, 3}), List.of(w), real,
                            fake, mode, constant, lambda, new SplitMix64(1));
                    value = penalty.getFloat();
                    collector.backward(penalty);
                }
                assertThat(value).as("%s penalty", mode).isCloseTo(lambda * Math.pow(norm - constant, 2), within(1e-4));
                float[] grad = w.getGradient().toFloatArray();
                for (int i = 0; i < w0.length; i++) {
                    double expected = 2 * lambda * (norm - constant) * w0[i] / norm;
                    assertThat((double) grad[i]).as("%s d penalty / d w[%d]", mode, i).isCloseTo(expected, within(1e-4));
                }
            }
        }
    }

    @Test
    void parsesModeNames() {
        assertThat(GradientPenalty.Mode.fromName("mixed")).isEqualTo(GradientPenalty.Mode.MIXED);
    }
}
