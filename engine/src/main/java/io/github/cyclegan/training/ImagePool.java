package io.github.cyclegan.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;

/**
 * The reference's history of generated images (Shrivastava et al.): the discriminator is shown,
 * half of the time, a fake from an earlier iteration instead of the newest one.
 *
 * <p>The pool owns detached copies of what it stores in its own sub-manager and closes an image
 * when it is replaced; {@link #close()} releases them all. Draws come from a {@link SplitMix64}
 * seeded explicitly (the reference uses Python's unseeded {@code random}), so a run is repeatable
 * and {@link #state()} / {@link #restore} continue it exactly.
 */
public final class ImagePool implements AutoCloseable {
    private final int poolSize;
    private final NDManager manager;
    private final List<NDArray> stored = new ArrayList<>();
    private SplitMix64 rng;

    /**
     * @param poolSize 0 disables the pool (the reference's {@code --pool_size 0})
     * @param seed     seed of the pool's own random draws
     * @param parent   manager whose device the stored copies live on; the pool owns a sub-manager of it
     */
    public ImagePool(int poolSize, long seed, NDManager parent) {
        if (poolSize < 0) {
            throw new IllegalArgumentException("pool size must be >= 0, was " + poolSize);
        }
        this.poolSize = poolSize;
        this.rng = new SplitMix64(seed);
        this.manager = parent.newSubManager();
    }

    public int poolSize() {
        return poolSize;
    }

    public int storedCount() {
        return stored.size();
    }

    /**
     * Returns, for each image of the N×C×H×W batch, either that image or a stored one (which the new
     * image then replaces), stacked again to N×C×H×W. The result is a new detached array attached
     * to {@code images}' manager; the caller owns it.
     */
    public NDArray query(NDArray images) {
        if (images.getShape().dimension() != 4) {
            throw new IllegalArgumentException("ImagePool.query expects N×C×H×W, got " + images.getShape());
        }
        if (poolSize == 0) {
            return images.stopGradient();
        }
        NDManager owner = images.getManager();
        try (NDManager scratch = owner.newSubManager()) {
            int n = Math.toIntExact(images.getShape().get(0));
            NDList picked = new NDList(n);
            for (int i = 0; i < n; i++) {
                NDArray image = images.get(i);
                image.attach(scratch);
                picked.add(pick(image, scratch));
            }
            NDArray result = NDArrays.stack(picked);
            result.attach(owner);
            return result;
        }
    }

    private NDArray pick(NDArray image, NDManager scratch) {
        if (stored.size() < poolSize) {
            stored.add(ownedCopy(image));
            return image.stopGradient();
        }
        if (rng.nextDouble() > 0.5) {
            int slot = rng.nextInt(poolSize);
            NDArray old = stored.get(slot);
            NDArray returned = old.duplicate();
            returned.attach(scratch);
            stored.set(slot, ownedCopy(image));
            old.close();
            return returned;
        }
        return image.stopGradient();
    }

    /** A copy that shares neither storage nor autograd history with the training graph. */
    private NDArray ownedCopy(NDArray image) {
        try (NDArray detached = image.stopGradient()) {
            NDArray copy = detached.duplicate();
            copy.attach(manager);
            return copy;
        }
    }

    /** A snapshot for a checkpoint: RNG position and float32 copies of the stored images, in slot order. */
    public ImagePoolState state() {
        List<ImagePoolState.StoredImage> images = new ArrayList<>(stored.size());
        for (NDArray image : stored) {
            float[] data;
            if (image.getDataType() == DataType.FLOAT32) {
                data = image.toFloatArray();
            } else {
                try (NDArray asFloat = image.toType(DataType.FLOAT32, true)) {
                    data = asFloat.toFloatArray();
                }
            }
            images.add(new ImagePoolState.StoredImage(image.getShape().getShape(), data));
        }
        return new ImagePoolState(poolSize, rng.state(), images);
    }

    /** The stored images in slot order, the live arrays (not copies), for writing them out one at a time. */
    List<NDArray> storedImages() {
        return java.util.Collections.unmodifiableList(stored);
    }

    /** The position of the pool's random draws. */
    long rngState() {
        return rng.state();
    }

    /**
     * Replaces the stored images with copies of {@code images} (C×H×W each, in slot order) and the RNG position with
     * {@code rngState}: a restore from arrays that need not pass through the heap.
     */
    void restore(long rngState, List<NDArray> images) {
        if (images.size() > poolSize) {
            throw new IllegalArgumentException("pool state holds " + images.size() + " images, more than its size "
                    + poolSize);
        }
        List<NDArray> restored = new ArrayList<>(images.size());
        for (NDArray image : images) {
            if (image.getShape().dimension() != 3 || image.getDataType() != DataType.FLOAT32) {
                restored.forEach(NDArray::close);
                throw new IllegalArgumentException("a pooled image is a float32 (C, H, W) array, was "
                        + image.getDataType() + " " + image.getShape());
            }
            NDArray copy = image.toDevice(manager.getDevice(), true);
            copy.attach(manager);
            restored.add(copy);
        }
        stored.forEach(NDArray::close);
        stored.clear();
        stored.addAll(restored);
        rng = new SplitMix64(rngState);
    }

    /** Replaces the stored images and the RNG position with a snapshot taken by {@link #state()}. */
    public void restore(ImagePoolState state) {
        if (state.poolSize() != poolSize) {
            throw new IllegalArgumentException(
                    "pool state was saved with size " + state.poolSize() + ", this pool has size " + poolSize);
        }
        List<NDArray> restored = new ArrayList<>(state.images().size());
        for (ImagePoolState.StoredImage image : state.images()) {
            restored.add(manager.create(image.data(), new Shape(image.shape())));
        }
        stored.forEach(NDArray::close);
        stored.clear();
        stored.addAll(restored);
        rng = new SplitMix64(state.rngState());
    }

    @Override
    public void close() {
        stored.clear();
        manager.close();
    }
}
