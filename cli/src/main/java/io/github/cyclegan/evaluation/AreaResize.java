package io.github.cyclegan.evaluation;

/**
 * Resamples one float plane by area averaging, separably: output pixel {@code o} of an axis of {@code in} input
 * pixels covers the input interval {@code [o*in/out, (o+1)*in/out)}, and each input pixel contributes in proportion
 * to how much of it lies in that interval.
 */
final class AreaResize {

    private AreaResize() {
    }

    static float[] resize(float[] plane, int height, int width, int outHeight, int outWidth) {
        double[][] rows = weights(height, outHeight);
        double[][] cols = weights(width, outWidth);
        // Horizontal pass: height × outWidth.
        double[] horizontal = new double[height * outWidth];
        for (int y = 0; y < height; y++) {
            for (int ox = 0; ox < outWidth; ox++) {
                double sum = 0;
                for (int x = 0; x < width; x++) {
                    sum += cols[ox][x] * plane[y * width + x];
                }
                horizontal[y * outWidth + ox] = sum;
            }
        }
        float[] out = new float[outHeight * outWidth];
        for (int oy = 0; oy < outHeight; oy++) {
            for (int ox = 0; ox < outWidth; ox++) {
                double sum = 0;
                for (int y = 0; y < height; y++) {
                    sum += rows[oy][y] * horizontal[y * outWidth + ox];
                }
                out[oy * outWidth + ox] = (float) sum;
            }
        }
        return out;
    }

    /** weights[o][i]: the share of output pixel o's footprint that input pixel i covers; each row sums to 1. */
    private static double[][] weights(int in, int out) {
        double[][] w = new double[out][in];
        double scale = (double) in / out;
        for (int o = 0; o < out; o++) {
            double start = o * scale;
            double end = (o + 1) * scale;
            for (int i = (int) Math.floor(start); i < Math.min(in, (int) Math.ceil(end)); i++) {
                w[o][i] = (Math.min(end, i + 1) - Math.max(start, i)) / scale;
            }
        }
        return w;
    }
}
