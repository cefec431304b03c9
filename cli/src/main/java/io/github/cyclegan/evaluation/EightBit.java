package io.github.cyclegan.evaluation;

import io.github.cyclegan.image.ChwImage;

/** The metrics' common scale: a network tensor's [-1, 1] mapped linearly onto the 8-bit range [0, 255]. */
final class EightBit {

    /** The data range L of the metrics. */
    static final double MAX = 255;

    private EightBit() {
    }

    /**
     * {@code (v + 1) / 2 * 255} per value, clamped to [0, 255] so that the range is L whatever the input; kept in
     * double without the rounding to integers that saving as PNG would add.
     */
    static double[] values(ChwImage image) {
        float[] data = image.data();
        double[] out = new double[data.length];
        for (int i = 0; i < data.length; i++) {
            out[i] = Math.min(MAX, Math.max(0, (data[i] + 1.0) / 2.0 * MAX));
        }
        return out;
    }

    static void requireSameShape(ChwImage a, ChwImage b) {
        if (a.channels() != b.channels() || !a.sameSize(b)) {
            throw new IllegalArgumentException("images to compare must have the same shape, got " + a + " and " + b);
        }
    }
}
