package io.github.cyclegan.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;

class AdamTest {

    private static final float[][] GRADIENTS = {{0.1f, -0.2f, 0.3f}, {-0.05f, 0.4f, 0f}, {1f, 1f, -1f}};

    /** Printed by torch 1.13.1: torch.optim.Adam([w], lr=2e-4, betas=(0.5, 0.999)) after the three gradients above. */
    private static final float[] TORCH_WEIGHTS = {0.499603361f, -1.00013423f, 1.99988103f};
    private static final float[] TORCH_EXP_AVG = {0.5f, 0.575f, -0.4625f};
    private static final float[] TORCH_EXP_AVG_SQ = {0.001012477558f, 0.001199760125f, 0.001089820173f};

    @Test
    void matchesTorchAdamStepForStep() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray w = weight(manager);
            try (Adam adam = new Adam(List.of(new Adam.Param("w", w)), 0.5, 0.999, 1e-8, manager)) {
                for (float[] g : GRADIENTS) {
                    accumulate(w, g, manager);
                    adam.step(2e-4);
                }
                assertClose(w.toFloatArray(), TORCH_WEIGHTS, 1e-6f);
                try (NDManager out = manager.newSubManager()) {
                    NDList state = adam.exportState(out);
                    assertClose(state.get("w.exp_avg").toFloatArray(), TORCH_EXP_AVG, 1e-6f);
                    assertClose(state.get("w.exp_avg_sq").toFloatArray(), TORCH_EXP_AVG_SQ, 1e-9f);
                }
                assertThat(adam.stepCount()).isEqualTo(3);
                assertThat(adam.managedArrayCount()).as("no temporaries left behind by the steps").isEqualTo(2);
            }
        }
    }

    @Test
    void restoredStateContinuesExactlyAsAnUninterruptedRun() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray straight = weight(manager);
            try (Adam adam = new Adam(List.of(new Adam.Param("w", straight)), 0.5, 0.999, 1e-8, manager)) {
                for (float[] g : GRADIENTS) {
                    accumulate(straight, g, manager);
                    adam.step(2e-4);
                }
            }

            NDArray resumed = weight(manager);
            Map<String, NDArray> saved = new HashMap<>();
            long steps;
            try (Adam first = new Adam(List.of(new Adam.Param("w", resumed)), 0.5, 0.999, 1e-8, manager)) {
                accumulate(resumed, GRADIENTS[0], manager);
                first.step(2e-4);
                for (NDArray a : first.exportState(manager)) {
                    saved.put(a.getName(), a);
                }
                steps = first.stepCount();
            }
            try (Adam second = new Adam(List.of(new Adam.Param("w", resumed)), 0.5, 0.999, 1e-8, manager)) {
                second.importState(saved, steps);
                for (int i = 1; i < GRADIENTS.length; i++) {
                    accumulate(resumed, GRADIENTS[i], manager);
                    second.step(2e-4);
                }
            }
            assertThat(resumed.toFloatArray()).containsExactly(straight.toFloatArray());
        }
    }

    private static NDArray weight(NDManager manager) {
        NDArray w = manager.create(new float[] {0.5f, -1f, 2f});
        w.setRequiresGradient(true);
        return w;
    }

    /** Makes the gradient of w equal g: d/dw sum(w * g) = g. */
    private static void accumulate(NDArray w, float[] g, NDManager manager) {
        try (NDManager scope = manager.newSubManager();
                GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            collector.backward(w.mul(scope.create(g)).sum());
        }
    }

    private static void assertClose(float[] actual, float[] expected, float tolerance) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).as("element %d", i).isCloseTo(expected[i], within(tolerance));
        }
    }
}
