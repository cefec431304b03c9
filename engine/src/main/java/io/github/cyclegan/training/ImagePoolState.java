package io.github.cyclegan.training;

import java.util.Arrays;
import java.util.List;

/**
 * Everything an {@link ImagePool} needs to continue exactly after a restart: its size, the RNG
 * state and the stored images in slot order. The float arrays are held as given, not copied (a
 * full pool of 256 px images is about 40 MB); treat them as read-only.
 */
public record ImagePoolState(int poolSize, long rngState, List<StoredImage> images) {

    public ImagePoolState {
        if (poolSize < 0) {
            throw new IllegalArgumentException("pool size must be >= 0, was " + poolSize);
        }
        images = List.copyOf(images);
        if (images.size() > poolSize) {
            throw new IllegalArgumentException(
                    "pool state holds " + images.size() + " images, more than its size " + poolSize);
        }
    }

    /** One stored image: its shape (C, H, W) and its values in row-major order. */
    public record StoredImage(long[] shape, float[] data) {
        public StoredImage {
            if (shape == null || shape.length != 3) {
                throw new IllegalArgumentException("a pooled image has shape (C, H, W), was " + Arrays.toString(shape));
            }
            long count = 1;
            for (long dim : shape) {
                if (dim <= 0) {
                    throw new IllegalArgumentException("pooled image dimensions must be positive: " + Arrays.toString(shape));
                }
                count *= dim;
            }
            if (data == null || data.length != count) {
                throw new IllegalArgumentException("pooled image of shape " + Arrays.toString(shape) + " needs "
                        + count + " values, has " + (data == null ? 0 : data.length));
            }
        }
    }
}
