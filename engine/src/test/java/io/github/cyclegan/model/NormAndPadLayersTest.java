package io.github.cyclegan.model;

import static io.github.cyclegan.model.TestSupport.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NormAndPadLayersTest {

    private static final int N = 2;
    private static final int C = 3;
    private static final int H = 4;
    private static final int W = 5;

    @Test
    void instanceNormNormalisesEachPlaneWithItsBiasedVariance() {
        Random random = new Random(3);
        float[] x = TestSupport.gaussian(random, N * C * H * W);
        for (int i = 0; i < x.length; i++) {
            x[i] = x[i] * 3 + 2;
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            InstanceNorm2d norm = new InstanceNorm2d(C);
            norm.initialize(manager, DataType.FLOAT32, new Shape(N, C, H, W));
            float[] training = TestSupport.forward(norm, manager, manager.create(x, new Shape(N, C, H, W)), true)
                    .toFloatArray();
            float[] inference = TestSupport.forward(norm, manager, manager.create(x, new Shape(N, C, H, W)), false)
                    .toFloatArray();
            int plane = H * W;
            for (int p = 0; p < N * C; p++) {
                double mean = 0;
                for (int i = 0; i < plane; i++) {
                    mean += x[p * plane + i];
                }
                mean /= plane;
                double var = 0;
                for (int i = 0; i < plane; i++) {
                    var += Math.pow(x[p * plane + i] - mean, 2);
                }
                var /= plane;
                for (int i = 0; i < plane; i++) {
                    double expected = (x[p * plane + i] - mean) / Math.sqrt(var + 1e-5);
                    assertThat((double) training[p * plane + i]).isCloseTo(expected, within(1e-4));
                    assertThat(inference[p * plane + i]).isEqualTo(training[p * plane + i]);
                }
            }
        }
    }

    @Test
    void reflectionPadMirrorsWithoutRepeatingTheEdge() {
        int p = 2;
        float[] x = new float[N * C * H * W];
        for (int i = 0; i < x.length; i++) {
            x[i] = i;
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            ReflectionPad2d pad = new ReflectionPad2d(p);
            NDArray out = TestSupport.forward(pad, manager, manager.create(x, new Shape(N, C, H, W)), false);
            int oh = H + 2 * p;
            int ow = W + 2 * p;
            assertThat(out.getShape()).isEqualTo(new Shape(N, C, oh, ow));
            assertThat(pad.getOutputShapes(new Shape[] {new Shape(N, C, H, W)})[0]).isEqualTo(out.getShape());
            float[] actual = out.toFloatArray();
            for (int n = 0; n < N; n++) {
                for (int c = 0; c < C; c++) {
                    for (int i = 0; i < oh; i++) {
                        for (int j = 0; j < ow; j++) {
                            float expected = x[at(n, c, reflect(i - p, H), reflect(j - p, W), C, H, W)];
                            assertThat(actual[at(n, c, i, j, C, oh, ow)]).isEqualTo(expected);
                        }
                    }
                }
            }
        }
    }

    private static int reflect(int index, int size) {
        if (index < 0) {
            return -index;
        }
        return index >= size ? 2 * (size - 1) - index : index;
    }

    @Test
    void reflectionPadRejectsPaddingAsLargeAsTheImage() {
        try (NDManager manager = NDManager.newBaseManager()) {
            ReflectionPad2d pad = new ReflectionPad2d(H);
            NDArray x = manager.zeros(new Shape(1, 1, H, W + 3));
            assertThatThrownBy(() -> TestSupport.forward(pad, manager, x, false))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("smaller than the spatial size");
        }
    }

    @Test
    void batchNormUsesBatchStatisticsInTrainingAndUpdatesRunningStatsLikePyTorch() {
        Random random = new Random(5);
        float[] x = TestSupport.gaussian(random, N * C * H * W);
        try (NDManager manager = NDManager.newBaseManager()) {
            BatchNorm2d norm = new BatchNorm2d(C);
            norm.initialize(manager, DataType.FLOAT32, new Shape(N, C, H, W));
            float[] out = TestSupport.forward(norm, manager, manager.create(x, new Shape(N, C, H, W)), true)
                    .toFloatArray();
            float[] runningMean = norm.getParameters().get("running_mean").getArray().toFloatArray();
            float[] runningVar = norm.getParameters().get("running_var").getArray().toFloatArray();
            NDArray counter = norm.getParameters().get("num_batches_tracked").getArray();
            assertThat(counter.getDataType()).isEqualTo(DataType.INT64);
            assertThat(counter.getLong()).isEqualTo(1L);

            int count = N * H * W;
            for (int c = 0; c < C; c++) {
                double mean = 0;
                for (int n = 0; n < N; n++) {
                    for (int i = 0; i < H * W; i++) {
                        mean += x[(n * C + c) * H * W + i];
                    }
                }
                mean /= count;
                double squares = 0;
                for (int n = 0; n < N; n++) {
                    for (int i = 0; i < H * W; i++) {
                        squares += Math.pow(x[(n * C + c) * H * W + i] - mean, 2);
                    }
                }
                for (int n = 0; n < N; n++) {
                    for (int i = 0; i < H * W; i++) {
                        int index = (n * C + c) * H * W + i;
                        double expected = (x[index] - mean) / Math.sqrt(squares / count + 1e-5);
                        assertThat((double) out[index]).isCloseTo(expected, within(1e-4));
                    }
                }
                assertThat((double) runningMean[c]).isCloseTo(0.1 * mean, within(1e-5));
                assertThat((double) runningVar[c]).isCloseTo(0.9 + 0.1 * squares / (count - 1), within(1e-5));
            }

            float[] eval = TestSupport.forward(norm, manager, manager.create(x, new Shape(N, C, H, W)), false)
                    .toFloatArray();
            assertThat(counter.getLong()).isEqualTo(1L);
            for (int c = 0; c < C; c++) {
                int index = c * H * W;
                double expected = (x[index] - runningMean[c]) / Math.sqrt(runningVar[c] + 1e-5);
                assertThat((double) eval[index]).isCloseTo(expected, within(1e-4));
            }
        }
    }
}
