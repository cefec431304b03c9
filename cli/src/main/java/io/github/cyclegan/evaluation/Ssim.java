package io.github.cyclegan.evaluation;

import io.github.cyclegan.image.ChwImage;

/**
 * Structural similarity as defined by Wang, Bovik, Sheikh and Simoncelli (2004): local means, variances and the
 * covariance weighted by an 11×11 Gaussian window (σ = 1.5, normalised to sum 1), {@code C1 = (0.01 L)²},
 * {@code C2 = (0.03 L)²} with the data range {@code L = 255} (images on the 8-bit scale, see {@link EightBit}),
 *
 * <pre>SSIM = (2 μx μy + C1)(2 σxy + C2) / ((μx² + μy² + C1)(σx² + σy² + C2))</pre>
 *
 * <p>averaged over the window positions that lie wholly inside the image ("valid", no padding), then over the
 * channels. Variances are the window's weighted population moments (no N-1 correction), as in the paper. The
 * value lies in [-1, 1], 1 exactly for identical images. Images must be at least 11×11.
 */
public final class Ssim {

    public static final int WINDOW = 11;
    public static final double SIGMA = 1.5;
    public static final double K1 = 0.01;
    public static final double K2 = 0.03;

    private static final double C1 = (K1 * EightBit.MAX) * (K1 * EightBit.MAX);
    private static final double C2 = (K2 * EightBit.MAX) * (K2 * EightBit.MAX);
    /** The normalised 1-D Gaussian; the 2-D window is its outer product with itself. */
    private static final double[] KERNEL = gaussian();

    private Ssim() {
    }

    /** Mean SSIM of {@code b} against {@code a} (symmetric), the mean over channels of each channel's mean. */
    public static double of(ChwImage a, ChwImage b) {
        EightBit.requireSameShape(a, b);
        if (a.height() < WINDOW || a.width() < WINDOW) {
            throw new IllegalArgumentException("SSIM needs images of at least " + WINDOW + "x" + WINDOW + ", got "
                    + a.width() + "x" + a.height());
        }
        double[] x = EightBit.values(a);
        double[] y = EightBit.values(b);
        int plane = a.height() * a.width();
        double sum = 0;
        for (int c = 0; c < a.channels(); c++) {
            sum += plane(x, y, c * plane, a.height(), a.width());
        }
        return sum / a.channels();
    }

    private static double plane(double[] x, double[] y, int offset, int height, int width) {
        int size = height * width;
        double[] xx = new double[size];
        double[] yy = new double[size];
        double[] xy = new double[size];
        double[] px = new double[size];
        double[] py = new double[size];
        for (int i = 0; i < size; i++) {
            double u = x[offset + i];
            double v = y[offset + i];
            px[i] = u;
            py[i] = v;
            xx[i] = u * u;
            yy[i] = v * v;
            xy[i] = u * v;
        }
        double[] muX = filter(px, height, width);
        double[] muY = filter(py, height, width);
        double[] eXX = filter(xx, height, width);
        double[] eYY = filter(yy, height, width);
        double[] eXY = filter(xy, height, width);
        double total = 0;
        for (int i = 0; i < muX.length; i++) {
            double mx = muX[i];
            double my = muY[i];
            double varX = eXX[i] - mx * mx;
            double varY = eYY[i] - my * my;
            double cov = eXY[i] - mx * my;
            total += (2 * mx * my + C1) * (2 * cov + C2) / ((mx * mx + my * my + C1) * (varX + varY + C2));
        }
        return total / muX.length;
    }

    /** The Gaussian-weighted mean at every valid window position: (height-10)×(width-10), separably. */
    private static double[] filter(double[] plane, int height, int width) {
        int outW = width - WINDOW + 1;
        int outH = height - WINDOW + 1;
        double[] rows = new double[height * outW];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < outW; x++) {
                double s = 0;
                for (int k = 0; k < WINDOW; k++) {
                    s += KERNEL[k] * plane[y * width + x + k];
                }
                rows[y * outW + x] = s;
            }
        }
        double[] out = new double[outH * outW];
        for (int y = 0; y < outH; y++) {
            for (int x = 0; x < outW; x++) {
                double s = 0;
                for (int k = 0; k < WINDOW; k++) {
                    s += KERNEL[k] * rows[(y + k) * outW + x];
                }
                out[y * outW + x] = s;
            }
        }
        return out;
    }

    private static double[] gaussian() {
        double[] g = new double[WINDOW];
        double sum = 0;
        int half = WINDOW / 2;
        for (int i = 0; i < WINDOW; i++) {
            g[i] = Math.exp(-((i - half) * (i - half)) / (2 * SIGMA * SIGMA));
            sum += g[i];
        }
        for (int i = 0; i < WINDOW; i++) {
            g[i] /= sum;
        }
        return g;
    }
}
