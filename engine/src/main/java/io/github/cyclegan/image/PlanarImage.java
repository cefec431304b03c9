package io.github.cyclegan.image;

/**
 * An 8-bit image stored plane by plane (C×H×W, values 0..255): the form in which the data pipeline
 * resizes, crops and flips, with the exact integer arithmetic of the reference's PIL steps.
 * The array is held as given, not copied; treat it as read-only.
 */
public record PlanarImage(int channels, int height, int width, byte[] data) {

    public PlanarImage {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("an image has 1 or 3 channels, not " + channels);
        }
        if (height <= 0 || width <= 0) {
            throw new IllegalArgumentException("image dimensions must be positive, were " + width + "x" + height);
        }
        if (data == null || data.length != (long) channels * height * width) {
            throw new IllegalArgumentException("a " + channels + "x" + height + "x" + width + " image needs "
                    + (long) channels * height * width + " bytes, got " + (data == null ? 0 : data.length));
        }
    }

    /** The value 0..255 at channel {@code c}, row {@code y}, column {@code x}. */
    public int value(int c, int y, int x) {
        return data[(c * height + y) * width + x] & 0xFF;
    }

    /** The {@code cropHeight}×{@code cropWidth} window whose top-left corner is ({@code top}, {@code left}). */
    public PlanarImage crop(int top, int left, int cropHeight, int cropWidth) {
        if (top < 0 || left < 0 || cropHeight <= 0 || cropWidth <= 0
                || top + cropHeight > height || left + cropWidth > width) {
            throw new IllegalArgumentException("crop " + cropWidth + "x" + cropHeight + " at (" + left + ", " + top
                    + ") does not fit in a " + width + "x" + height + " image");
        }
        byte[] out = new byte[channels * cropHeight * cropWidth];
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < cropHeight; y++) {
                System.arraycopy(data, (c * height + top + y) * width + left,
                        out, (c * cropHeight + y) * cropWidth, cropWidth);
            }
        }
        return new PlanarImage(channels, cropHeight, cropWidth, out);
    }

    /** Mirrored left to right. */
    public PlanarImage flipHorizontal() {
        byte[] out = new byte[data.length];
        for (int row = 0; row < channels * height; row++) {
            int base = row * width;
            for (int x = 0; x < width; x++) {
                out[base + x] = data[base + width - 1 - x];
            }
        }
        return new PlanarImage(channels, height, width, out);
    }

    /** The reference's ToTensor + Normalize(0.5, 0.5): {@code (v / 255 - 0.5) / 0.5} in float32. */
    public ChwImage normalized() {
        float[] out = new float[data.length];
        for (int i = 0; i < data.length; i++) {
            out[i] = ((data[i] & 0xFF) / 255f - 0.5f) / 0.5f;
        }
        return new ChwImage(channels, height, width, out);
    }
}
