package io.github.cyclegan.model;

import static io.github.cyclegan.model.TestSupport.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ConvTranspose2dLayerTest {

    private static final int N = 2;
    private static final int CIN = 3;
    private static final int COUT = 2;
    private static final int H = 5;
    private static final int W = 4;

    /** PyTorch's definition: every input pixel scatters weight * value to o = i*s - p + t. */
    private static double[] naive(float[] x, float[] w, float[] b, int k, int s, int p, int op) {
        int oh = (H - 1) * s - 2 * p + k + op;
        int ow = (W - 1) * s - 2 * p + k + op;
        double[] y = new double[N * COUT * oh * ow];
        for (int n = 0; n < N; n++) {
            for (int co = 0; co < COUT; co++) {
                for (int i = 0; i < oh * ow; i++) {
                    y[(n * COUT + co) * oh * ow + i] = b[co];
                }
                for (int ci = 0; ci < CIN; ci++) {
                    for (int ih = 0; ih < H; ih++) {
                        for (int iw = 0; iw < W; iw++) {
                            for (int th = 0; th < k; th++) {
                                for (int tw = 0; tw < k; tw++) {
                                    int yh = ih * s - p + th;
                                    int yw = iw * s - p + tw;
                                    if (yh >= 0 && yh < oh && yw >= 0 && yw < ow) {
                                        y[at(n, co, yh, yw, COUT, oh, ow)] +=
                                                x[at(n, ci, ih, iw, CIN, H, W)] * w[at(ci, co, th, tw, COUT, k, k)];
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return y;
    }

    @ParameterizedTest(name = "k{0} s{1} p{2} op{3}")
    @CsvSource({"3,2,1,1", "4,2,1,0", "3,1,1,0", "5,3,2,1", "2,2,0,0", "3,2,0,1"})
    void forwardMatchesTheScatterDefinition(int k, int s, int p, int op) {
        Random random = new Random(7);
        try (NDManager manager = NDManager.newBaseManager()) {
            ConvTranspose2dLayer layer = new ConvTranspose2dLayer(CIN, COUT, k, s, p, op, true);
            layer.initialize(manager, DataType.FLOAT32, new Shape(N, CIN, H, W));
            float[] w = TestSupport.gaussian(random, (long) CIN * COUT * k * k);
            float[] b = TestSupport.gaussian(random, COUT);
            float[] x = TestSupport.gaussian(random, (long) N * CIN * H * W);
            layer.getParameters().get("weight").getArray().set(w);
            layer.getParameters().get("bias").getArray().set(b);

            NDArray out = TestSupport.forward(layer, manager, manager.create(x, new Shape(N, CIN, H, W)), false);

            int oh = (H - 1) * s - 2 * p + k + op;
            int ow = (W - 1) * s - 2 * p + k + op;
            assertThat(out.getShape()).isEqualTo(new Shape(N, COUT, oh, ow));
            assertThat(layer.getOutputShapes(new Shape[] {new Shape(N, CIN, H, W)})[0]).isEqualTo(out.getShape());
            float[] actual = out.toFloatArray();
            double[] expected = naive(x, w, b, k, s, p, op);
            for (int i = 0; i < expected.length; i++) {
                assertThat((double) actual[i]).as("element %d", i).isCloseTo(expected[i], within(1e-4));
            }
        }
    }

    @Test
    void gradientsReachTheStoredWeightInPyTorchLayout() {
        int k = 3;
        int s = 2;
        int p = 1;
        int op = 1;
        int oh = 2 * H;
        int ow = 2 * W;
        Random random = new Random(11);
        try (NDManager manager = NDManager.newBaseManager()) {
            ConvTranspose2dLayer layer = new ConvTranspose2dLayer(CIN, COUT, k, s, p, op, true);
            layer.initialize(manager, DataType.FLOAT32, new Shape(N, CIN, H, W));
            float[] w = TestSupport.gaussian(random, (long) CIN * COUT * k * k);
            NDArray weight = layer.getParameters().get("weight").getArray();
            weight.set(w);
            float[] x = TestSupport.gaussian(random, (long) N * CIN * H * W);
            float[] g = TestSupport.gaussian(random, (long) N * COUT * oh * ow);

            float[] gradW;
            float[] gradB;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector();
                    NDManager step = manager.newSubManager()) {
                NDArray out = TestSupport.forward(layer, step, step.create(x, new Shape(N, CIN, H, W)), true);
                NDArray loss = out.mul(step.create(g, out.getShape())).sum();
                collector.backward(loss);
                try (NDArray gw = weight.getGradient();
                        NDArray gb = layer.getParameters().get("bias").getArray().getGradient()) {
                    gradW = gw.toFloatArray();
                    gradB = gb.toFloatArray();
                }
            }

            // d(sum(y*g))/dw[ci,co,th,tw] = sum over scatter pairs of x[n,ci,ih,iw] * g[n,co,oh,ow]
            double[] expectedW = new double[gradW.length];
            double[] expectedB = new double[COUT];
            for (int n = 0; n < N; n++) {
                for (int co = 0; co < COUT; co++) {
                    for (int i = 0; i < oh * ow; i++) {
                        expectedB[co] += g[(n * COUT + co) * oh * ow + i];
                    }
                    for (int ci = 0; ci < CIN; ci++) {
                        for (int ih = 0; ih < H; ih++) {
                            for (int iw = 0; iw < W; iw++) {
                                for (int th = 0; th < k; th++) {
                                    for (int tw = 0; tw < k; tw++) {
                                        int yh = ih * s - p + th;
                                        int yw = iw * s - p + tw;
                                        if (yh >= 0 && yh < oh && yw >= 0 && yw < ow) {
                                            expectedW[at(ci, co, th, tw, COUT, k, k)] +=
                                                    x[at(n, ci, ih, iw, CIN, H, W)] * g[at(n, co, yh, yw, COUT, oh, ow)];
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            for (int i = 0; i < expectedW.length; i++) {
                assertThat((double) gradW[i]).as("weight grad %d", i).isCloseTo(expectedW[i], within(1e-3));
            }
            for (int i = 0; i < COUT; i++) {
                assertThat((double) gradB[i]).isCloseTo(expectedB[i], within(1e-3));
            }
        }
    }

    @Test
    void keepsPyTorchsWeightLayout() {
        ConvTranspose2dLayer layer = new ConvTranspose2dLayer(8, 4, 3, 2, 1, 1, true);
        assertThat(layer.getParameters().get("weight").getShape()).isEqualTo(new Shape(8, 4, 3, 3));
    }

    @Test
    void rejectsOutputPaddingNotBelowStride() {
        assertThatThrownBy(() -> new ConvTranspose2dLayer(2, 2, 3, 2, 1, 2, true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("output_padding");
    }
}
