package io.github.cyclegan.evaluation;

import io.github.cyclegan.image.ChwImage;
import io.github.cyclegan.image.PlanarImage;

/**
 * Equally sized 8-bit grayscale images with a class label each, stored back to back as in an IDX file:
 * image {@code i} is {@code pixels[i*rows*cols .. (i+1)*rows*cols)}, row-major. The arrays are held as given.
 */
public record LabelledImages(int count, int rows, int cols, byte[] pixels, byte[] labels) {

    public LabelledImages {
        if (count < 0 || rows <= 0 || cols <= 0) {
            throw new IllegalArgumentException("bad image set geometry: " + count + " images of " + cols + "x" + rows);
        }
        if (pixels.length != (long) count * rows * cols || labels.length != count) {
            throw new IllegalArgumentException(count + " images of " + cols + "x" + rows + " need "
                    + (long) count * rows * cols + " pixels and " + count + " labels, got " + pixels.length
                    + " and " + labels.length);
        }
    }

    public int label(int index) {
        return labels[index] & 0xFF;
    }

    /** Image {@code index} as one 8-bit plane. */
    public PlanarImage planes(int index) {
        int size = rows * cols;
        byte[] out = new byte[size];
        System.arraycopy(pixels, index * size, out, 0, size);
        return new PlanarImage(1, rows, cols, out);
    }

    /** Image {@code index} as a network input in [-1, 1], normalised as {@link PlanarImage#normalized()} does. */
    public ChwImage image(int index) {
        return planes(index).normalized();
    }
}
