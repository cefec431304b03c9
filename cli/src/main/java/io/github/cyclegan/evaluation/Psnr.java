package io.github.cyclegan.evaluation;

import io.github.cyclegan.image.ChwImage;
import java.util.Collection;

/**
 * Peak signal-to-noise ratio, {@code 10 log10(255² / MSE)} in dB, with the images on the 8-bit scale (network
 * values in [-1, 1] mapped to [0, 255], see {@link EightBit}) and the MSE over all values of all channels.
 *
 * <p>Identical images have MSE 0 and PSNR +Infinity. Averages cap every value at {@link #CAP_DB} first, so one
 * identical pair does not turn a mean infinite: an MSE below 255²·10⁻¹⁰ (RMS error under 0.0026 gray levels) is
 * below anything an 8-bit image can show anyway.
 */
public final class Psnr {

    /** The most a single image contributes to a mean, in dB. */
    public static final double CAP_DB = 100;

    private Psnr() {
    }

    /** PSNR of {@code b} against {@code a} (symmetric) in dB; +Infinity when they are identical. */
    public static double of(ChwImage a, ChwImage b) {
        EightBit.requireSameShape(a, b);
        double[] x = EightBit.values(a);
        double[] y = EightBit.values(b);
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            double d = x[i] - y[i];
            sum += d * d;
        }
        return fromMse(sum / x.length);
    }

    /** {@code 10 log10(255² / mse)}; +Infinity for 0. */
    public static double fromMse(double mse) {
        if (mse < 0 || Double.isNaN(mse)) {
            throw new IllegalArgumentException("a mean squared error is not negative, got " + mse);
        }
        return mse == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(EightBit.MAX * EightBit.MAX / mse);
    }

    /** The mean of the values, each capped at {@link #CAP_DB}; NaN for none. */
    public static double cappedMean(Collection<Double> values) {
        return values.stream().mapToDouble(v -> Math.min(CAP_DB, v)).average().orElse(Double.NaN);
    }
}
