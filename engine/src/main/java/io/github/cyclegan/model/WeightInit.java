package io.github.cyclegan.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.util.List;
import java.util.random.RandomGenerator;

import io.github.cyclegan.messaging.options.InitType;

/**
 * The reference's init_weights: convolution weights from the chosen scheme, biases 0, BatchNorm weight
 * N(1, gain) and BatchNorm bias 0; running statistics are left alone. Values come from a Java random
 * generator in state-dict order, so a seed reproduces them on any engine.
 */
public final class WeightInit {

    private WeightInit() {}

    public static void apply(List<StateDictEntry> entries, InitType type, double gain, RandomGenerator random) {
        for (StateDictEntry entry : entries) {
            Parameter parameter = entry.parameter();
            NDArray array = parameter.getArray();
            Shape shape = entry.shape();
            switch (parameter.getType()) {
                case WEIGHT -> NativeCopy.overwrite(array, convolutionWeight(shape, type, gain, random));
                case GAMMA -> NativeCopy.overwrite(array, normal(shape.size(), 1.0, gain, random));
                case BIAS, BETA -> NativeCopy.overwrite(array, new float[Math.toIntExact(shape.size())]);
                default -> {
                    // buffers keep their values, as in PyTorch
                }
            }
        }
    }

    static float[] convolutionWeight(Shape shape, InitType type, double gain, RandomGenerator random) {
        long count = shape.size();
        long receptive = count / (shape.get(0) * shape.get(1));
        // PyTorch reads fans from the stored layout literally, ConvTranspose2d's [in, out, k, k] included.
        long fanIn = shape.get(1) * receptive;
        long fanOut = shape.get(0) * receptive;
        return switch (type) {
            case NORMAL -> normal(count, 0.0, gain, random);
            case XAVIER -> normal(count, 0.0, gain * Math.sqrt(2.0 / (fanIn + fanOut)), random);
            // The reference calls kaiming_normal_(a=0, mode='fan_in') and does not pass the gain.
            case KAIMING -> normal(count, 0.0, Math.sqrt(2.0) / Math.sqrt(fanIn), random);
            case ORTHOGONAL -> orthogonal(Math.toIntExact(shape.get(0)), Math.toIntExact(count / shape.get(0)), gain,
                    random);
        };
    }

    private static float[] normal(long count, double mean, double std, RandomGenerator random) {
        float[] values = new float[Math.toIntExact(count)];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (mean + std * random.nextGaussian());
        }
        return values;
    }

    /**
     * torch.nn.init.orthogonal_: QR of a Gaussian (rows x cols) matrix, transposed when it is wide, with the
     * sign fix that makes diag(R) positive. Modified Gram-Schmidt yields that Q directly.
     */
    static float[] orthogonal(int rows, int cols, double gain, RandomGenerator random) {
        double[][] a = new double[rows][cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                a[r][c] = random.nextGaussian();
            }
        }
        boolean wide = rows < cols;
        int tall = wide ? cols : rows;
        int narrow = wide ? rows : cols;
        // columns[j] is the j-th column of the tall matrix.
        double[][] columns = new double[narrow][tall];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                if (wide) {
                    columns[r][c] = a[r][c];
                } else {
                    columns[c][r] = a[r][c];
                }
            }
        }
        for (int j = 0; j < narrow; j++) {
            double[] v = columns[j];
            for (int i = 0; i < j; i++) {
                double dot = 0;
                double[] q = columns[i];
                for (int k = 0; k < tall; k++) {
                    dot += q[k] * v[k];
                }
                for (int k = 0; k < tall; k++) {
                    v[k] -= dot * q[k];
                }
            }
            double norm = 0;
            for (int k = 0; k < tall; k++) {
                norm += v[k] * v[k];
            }
            norm = Math.sqrt(norm);
            for (int k = 0; k < tall; k++) {
                v[k] /= norm;
            }
        }
        float[] out = new float[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                double q = wide ? columns[r][c] : columns[c][r];
                out[r * cols + c] = (float) (gain * q);
            }
        }
        return out;
    }
}
