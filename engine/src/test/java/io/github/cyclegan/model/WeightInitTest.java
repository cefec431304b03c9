package io.github.cyclegan.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import io.github.cyclegan.messaging.options.InitType;
import io.github.cyclegan.messaging.options.NormType;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WeightInitTest {

    private static double[] meanAndStd(float[] values) {
        double mean = 0;
        for (float v : values) {
            mean += v;
        }
        mean /= values.length;
        double var = 0;
        for (float v : values) {
            var += (v - mean) * (v - mean);
        }
        return new double[] {mean, Math.sqrt(var / values.length)};
    }

    @Test
    void defaultNormalInitGivesWeightsStd002BiasesZeroAndBatchNormWeightsAroundOne() {
        GeneratorSpec spec = GeneratorSpec.defaults().withNgf(8).withNorm(NormType.BATCH);
        try (NDManager manager = NDManager.newBaseManager()) {
            List<StateDictEntry> entries = Networks.generator(spec, manager, 1).stateDict();
            for (StateDictEntry entry : entries) {
                Parameter.Type type = entry.parameter().getType();
                if (type == Parameter.Type.OTHER) {
                    continue;
                }
                float[] values = entry.parameter().getArray().toFloatArray();
                if (type == Parameter.Type.WEIGHT && values.length >= 1000) {
                    double[] stats = meanAndStd(values);
                    assertThat(stats[0]).as("mean of %s", entry.key()).isCloseTo(0, within(0.003));
                    assertThat(stats[1]).as("std of %s", entry.key()).isCloseTo(0.02, within(0.002));
                } else if (type == Parameter.Type.GAMMA) {
                    assertThat(meanAndStd(values)[0]).as("mean of %s", entry.key()).isCloseTo(1, within(0.02));
                } else if (type == Parameter.Type.BIAS || type == Parameter.Type.BETA
                        || type == Parameter.Type.RUNNING_MEAN) {
                    assertThat(values).as(entry.key()).containsOnly(0f);
                } else if (type == Parameter.Type.RUNNING_VAR) {
                    assertThat(values).as(entry.key()).containsOnly(1f);
                }
            }
        }
    }

    @Test
    void xavierAndKaimingUsePyTorchsFans() {
        Shape conv = new Shape(64, 32, 3, 3);
        double[] xavier = meanAndStd(WeightInit.convolutionWeight(conv, InitType.XAVIER, 0.02, new Random(1)));
        assertThat(xavier[1]).isCloseTo(0.02 * Math.sqrt(2.0 / (32 * 9 + 64 * 9)), within(0.0002));
        double[] kaiming = meanAndStd(WeightInit.convolutionWeight(conv, InitType.KAIMING, 0.02, new Random(1)));
        assertThat(kaiming[1]).as("gain is not used").isCloseTo(Math.sqrt(2.0 / (32 * 9)), within(0.002));
    }

    @Test
    void orthogonalRowsOrColumnsAreOrthonormalTimesGain() {
        double gain = 0.5;
        assertOrthogonal(4, 27, gain);
        assertOrthogonal(30, 6, gain);
    }

    private static void assertOrthogonal(int rows, int cols, double gain) {
        float[] w = WeightInit.orthogonal(rows, cols, gain, new Random(3));
        boolean wide = rows < cols;
        int vectors = wide ? rows : cols;
        int length = wide ? cols : rows;
        for (int a = 0; a < vectors; a++) {
            for (int b = 0; b < vectors; b++) {
                double dot = 0;
                for (int k = 0; k < length; k++) {
                    double x = wide ? w[a * cols + k] : w[k * cols + a];
                    double y = wide ? w[b * cols + k] : w[k * cols + b];
                    dot += x * y;
                }
                assertThat(dot).isCloseTo(a == b ? gain * gain : 0, within(1e-5));
            }
        }
    }

    @Test
    void everyInitTypeRunsOnAWholeNetwork() {
        for (InitType type : InitType.values()) {
            DiscriminatorSpec spec = DiscriminatorSpec.defaults().withNdf(4).withInit(type, 0.02);
            try (NDManager manager = NDManager.newBaseManager()) {
                CycleGanNetwork network = Networks.discriminator(spec, manager, 5);
                float[] first = network.stateDict().get(0).parameter().getArray().toFloatArray();
                assertThat(meanAndStd(first)[1]).as(type.optionName()).isPositive();
            }
        }
    }
}
