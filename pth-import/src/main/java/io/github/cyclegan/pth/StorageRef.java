package io.github.cyclegan.pth;

import io.github.cyclegan.weights.TensorDType;

/**
 * A typed storage named by a torch persistent id: {@code key} selects the bytes (a zip entry or
 * a legacy storage record), which hold {@code rootElements} elements. Legacy checkpoints may
 * reference a view of such a storage; the view starts {@code viewOffset} elements in and holds
 * {@code viewElements} elements. Non-views span the whole storage.
 */
record StorageRef(String key, TensorDType dtype, long rootElements, long viewOffset, long viewElements) {

    static StorageRef whole(String key, TensorDType dtype, long elements) {
        return new StorageRef(key, dtype, elements, 0, elements);
    }
}
