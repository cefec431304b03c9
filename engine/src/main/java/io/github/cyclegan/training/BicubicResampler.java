package io.github.cyclegan.training;

import io.github.cyclegan.image.PlanarImage;

/**
 * PIL's {@code Image.resize(size, BICUBIC)} on 8-bit planes: separable cubic convolution (a = -0.5)
 * whose support widens with the scale factor when shrinking (antialiasing), horizontal pass first,
 * coefficients rounded to 22-bit fixed point and each pass rounded and clipped to 8 bits.
 *
 * <p>Java2D's bicubic interpolation is not used: it samples a fixed 4×4 neighbourhood, so photos
 * shrunk to 286 px would alias and differ visibly from what the reference's networks were trained on.
 */
final class BicubicResampler {
    private static final int PRECISION_BITS = 32 - 8 - 2;
    private static final double SUPPORT = 2.0;

    private BicubicResampler() {
    }

    static PlanarImage resize(PlanarImage image, int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("resize target must be positive, was " + width + "x" + height);
        }
        PlanarImage out = image;
        if (width != out.width()) {
            out = horizontal(out, width);
        }
        if (height != out.height()) {
            out = vertical(out, height);
        }
        return out;
    }

    private static PlanarImage horizontal(PlanarImage in, int outWidth) {
        Coefficients k = Coefficients.compute(in.width(), outWidth);
        int rows = in.channels() * in.height();
        byte[] src = in.data();
        byte[] dst = new byte[rows * outWidth];
        for (int row = 0; row < rows; row++) {
            int srcBase = row * in.width();
            for (int x = 0; x < outWidth; x++) {
                int first = k.first[x];
                int kBase = x * k.size;
                long sum = 1L << (PRECISION_BITS - 1);
                for (int i = 0; i < k.count[x]; i++) {
                    sum += (src[srcBase + first + i] & 0xFF) * (long) k.weights[kBase + i];
                }
                dst[row * outWidth + x] = clip8(sum);
            }
        }
        return new PlanarImage(in.channels(), in.height(), outWidth, dst);
    }

    private static PlanarImage vertical(PlanarImage in, int outHeight) {
        Coefficients k = Coefficients.compute(in.height(), outHeight);
        int w = in.width();
        byte[] src = in.data();
        byte[] dst = new byte[in.channels() * outHeight * w];
        for (int c = 0; c < in.channels(); c++) {
            int srcPlane = c * in.height() * w;
            int dstPlane = c * outHeight * w;
            for (int y = 0; y < outHeight; y++) {
                int first = k.first[y];
                int kBase = y * k.size;
                for (int x = 0; x < w; x++) {
                    long sum = 1L << (PRECISION_BITS - 1);
                    for (int i = 0; i < k.count[y]; i++) {
                        sum += (src[srcPlane + (first + i) * w + x] & 0xFF) * (long) k.weights[kBase + i];
                    }
                    dst[dstPlane + y * w + x] = clip8(sum);
                }
            }
        }
        return new PlanarImage(in.channels(), outHeight, w, dst);
    }

    private static byte clip8(long sum) {
        long v = sum >> PRECISION_BITS;
        return (byte) (v < 0 ? 0 : Math.min(v, 255));
    }

    private static double cubic(double x) {
        double a = -0.5;
        double t = Math.abs(x);
        if (t < 1.0) {
            return ((a + 2.0) * t - (a + 3.0)) * t * t + 1;
        }
        if (t < 2.0) {
            return (((t - 5) * t + 8) * t - 4) * a;
        }
        return 0.0;
    }

    /** Per output index: the first input index, how many inputs contribute, and their fixed-point weights. */
    private record Coefficients(int size, int[] first, int[] count, int[] weights) {
        static Coefficients compute(int inSize, int outSize) {
            double scale = (double) inSize / outSize;
            double filterScale = Math.max(scale, 1.0);
            double support = SUPPORT * filterScale;
            int size = (int) Math.ceil(support) * 2 + 1;
            int[] first = new int[outSize];
            int[] count = new int[outSize];
            int[] weights = new int[outSize * size];
            double[] k = new double[size];
            for (int o = 0; o < outSize; o++) {
                double center = (o + 0.5) * scale;
                int min = Math.max(0, (int) (center - support + 0.5));
                int max = Math.min(inSize, (int) (center + support + 0.5)) - min;
                double total = 0;
                for (int i = 0; i < max; i++) {
                    k[i] = cubic((i + min - center + 0.5) / filterScale);
                    total += k[i];
                }
                for (int i = 0; i < max; i++) {
                    double w = total != 0.0 ? k[i] / total : k[i];
                    double fixed = w * (1 << PRECISION_BITS);
                    weights[o * size + i] = (int) (w < 0 ? -0.5 + fixed : 0.5 + fixed);
                }
                first[o] = min;
                count[o] = max;
            }
            return new Coefficients(size, first, count, weights);
        }
    }
}
