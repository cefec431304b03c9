package io.github.cyclegan.image;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.awt.image.Raster;

/**
 * Converts between {@link BufferedImage}s and the networks' [-1, 1] C×H×W tensors the way the
 * reference does with PIL and {@code util.tensor2im}.
 *
 * <p>Alpha is dropped, not composited: the reference opens every image with PIL's
 * {@code convert('RGB')}, which discards alpha, and serving must feed the networks the same pixels
 * that training did. Gray images keep their stored values (Java2D's {@code getRGB} would apply a
 * linear-to-sRGB curve that PIL does not), and one channel is made from RGB with PIL's
 * {@code convert('L')} integer luma (ITU-R 601-2). The common raster types are read in bulk from
 * their rasters; others go through one bulk {@code getRGB}.
 */
public final class ImageTensors {

    private ImageTensors() {
    }

    /** {@code image} as a [-1, 1] tensor with {@code channels} (1 or 3) channels. */
    public static ChwImage toChw(BufferedImage image, int channels) {
        return toPlanes(image, channels).normalized();
    }

    /** {@code image} as a new [-1, 1] C×H×W float32 array owned by {@code manager}. */
    public static NDArray toNDArray(BufferedImage image, int channels, NDManager manager) {
        return toChw(image, channels).toNDArray(manager);
    }

    /** A network output (C×H×W or 1×C×H×W, values in [-1, 1]) as an RGB image; the array is not closed. */
    public static BufferedImage toImage(NDArray array) {
        return toImage(ChwImage.of(array));
    }

    /** {@code util.tensor2im}, then an RGB image: one channel is repeated to three. */
    public static BufferedImage toImage(ChwImage tensor) {
        return toImage(toPlanes(tensor));
    }

    /**
     * {@code util.tensor2im}'s {@code (x + 1) / 2 * 255} in float32 and numpy's truncating
     * {@code astype(uint8)}, with values outside [0, 255] clamped (numpy would wrap them).
     */
    public static PlanarImage toPlanes(ChwImage tensor) {
        float[] in = tensor.data();
        byte[] out = new byte[in.length];
        for (int i = 0; i < in.length; i++) {
            float v = (in[i] + 1f) / 2f * 255f;
            out[i] = (byte) (v >= 255f ? 255 : v > 0f ? (int) v : 0);
        }
        return new PlanarImage(tensor.channels(), tensor.height(), tensor.width(), out);
    }

    /** An 8-bit planar image as TYPE_INT_RGB. */
    public static BufferedImage toImage(PlanarImage planes) {
        int w = planes.width();
        int h = planes.height();
        int plane = w * h;
        byte[] d = planes.data();
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int[] pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        boolean gray = planes.channels() == 1;
        for (int i = 0; i < plane; i++) {
            int r = d[i] & 0xFF;
            int g = gray ? r : d[plane + i] & 0xFF;
            int b = gray ? r : d[2 * plane + i] & 0xFF;
            pixels[i] = r << 16 | g << 8 | b;
        }
        return image;
    }

    /** {@code image}'s 8-bit values with {@code channels} (1 or 3) planes. */
    public static PlanarImage toPlanes(BufferedImage image, int channels) {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("channels must be 1 or 3, was " + channels);
        }
        int w = image.getWidth();
        int h = image.getHeight();
        if (isSingleBandGray(image)) {
            byte[] gray = grayValues(image.getRaster(), w, h);
            return channels == 1 ? new PlanarImage(1, h, w, gray) : new PlanarImage(3, h, w, repeat3(gray));
        }
        byte[] rgb = rgbPlanes(image, w, h);
        return channels == 3 ? new PlanarImage(3, h, w, rgb) : new PlanarImage(1, h, w, luma(rgb, w * h));
    }

    private static boolean isSingleBandGray(BufferedImage image) {
        return image.getColorModel().getColorSpace().getType() == ColorSpace.TYPE_GRAY
                && image.getRaster().getNumBands() == 1;
    }

    /** Stored gray values, scaled to 8 bits when the raster holds more (16-bit PNG). */
    private static byte[] grayValues(Raster raster, int w, int h) {
        int bits = raster.getSampleModel().getSampleSize(0);
        int[] samples = raster.getSamples(0, 0, w, h, 0, (int[]) null);
        byte[] out = new byte[samples.length];
        if (bits == 8) {
            for (int i = 0; i < samples.length; i++) {
                out[i] = (byte) samples[i];
            }
        } else {
            long max = (1L << bits) - 1;
            for (int i = 0; i < samples.length; i++) {
                out[i] = (byte) ((samples[i] * 255L + max / 2) / max);
            }
        }
        return out;
    }

    private static byte[] repeat3(byte[] gray) {
        byte[] out = new byte[gray.length * 3];
        for (int c = 0; c < 3; c++) {
            System.arraycopy(gray, 0, out, c * gray.length, gray.length);
        }
        return out;
    }

    /** R, G and B planes, alpha dropped. */
    private static byte[] rgbPlanes(BufferedImage image, int w, int h) {
        int plane = w * h;
        byte[] out = new byte[3 * plane];
        switch (image.getType()) {
            case BufferedImage.TYPE_INT_RGB, BufferedImage.TYPE_INT_ARGB ->
                    splitPacked((int[]) image.getRaster().getDataElements(0, 0, w, h, null), out, plane);
            case BufferedImage.TYPE_3BYTE_BGR, BufferedImage.TYPE_4BYTE_ABGR -> {
                // Data elements come in band order (R, G, B[, A]) whatever the byte order in memory.
                byte[] elements = (byte[]) image.getRaster().getDataElements(0, 0, w, h, null);
                int stride = image.getRaster().getNumDataElements();
                for (int i = 0, e = 0; i < plane; i++, e += stride) {
                    out[i] = elements[e];
                    out[plane + i] = elements[e + 1];
                    out[2 * plane + i] = elements[e + 2];
                }
            }
            default -> splitPacked(image.getRGB(0, 0, w, h, null, 0, w), out, plane);
        }
        return out;
    }

    private static void splitPacked(int[] argb, byte[] out, int plane) {
        for (int i = 0; i < plane; i++) {
            int p = argb[i];
            out[i] = (byte) (p >> 16);
            out[plane + i] = (byte) (p >> 8);
            out[2 * plane + i] = (byte) p;
        }
    }

    /** PIL's {@code convert('L')}: {@code (R*19595 + G*38470 + B*7471 + 0x8000) >> 16}. */
    private static byte[] luma(byte[] rgb, int plane) {
        byte[] out = new byte[plane];
        for (int i = 0; i < plane; i++) {
            int r = rgb[i] & 0xFF;
            int g = rgb[plane + i] & 0xFF;
            int b = rgb[2 * plane + i] & 0xFF;
            out[i] = (byte) ((r * 19595 + g * 38470 + b * 7471 + 0x8000) >> 16);
        }
        return out;
    }
}
