package io.github.cyclegan.pth;

import io.github.cyclegan.weights.NamedTensor;
import io.github.cyclegan.weights.TensorDType;
import io.github.cyclegan.weights.TensorFormatException;

import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns an unpickled state_dict (names to {@link TensorSpec}s) into dense tensors. */
final class StateDictTensors {

    /** Supplies the little-endian bytes of a whole storage, whichever file layout holds them. */
    @FunctionalInterface
    interface StorageBytes {
        ByteBuffer of(StorageRef storage) throws TensorFormatException;
    }

    private StateDictTensors() {
    }

    static Map<String, NamedTensor> materialise(Object root, StorageBytes storages) throws TensorFormatException {
        if (!(root instanceof Map<?, ?> entries)) {
            throw new TensorFormatException("checkpoint holds a " + PickleMachine.typeName(root)
                    + ", not a state_dict (a dict of tensors)");
        }
        Map<String, NamedTensor> tensors = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : entries.entrySet()) {
            if (!(entry.getKey() instanceof String name)) {
                throw new TensorFormatException("state_dict key " + entry.getKey() + " is not a string");
            }
            if (!(entry.getValue() instanceof TensorSpec spec)) {
                throw new TensorFormatException("state_dict entry '" + name + "' is a "
                        + PickleMachine.typeName(entry.getValue()) + ", not a tensor");
            }
            tensors.put(name, spec.materialise(name, storages.of(spec.storage())));
        }
        return Collections.unmodifiableMap(tensors);
    }

    /** Checks a persistent id's leading {@code 'storage'} tag and its length. */
    static List<?> storageTuple(Object persistentId, int minLength) throws TensorFormatException {
        if (persistentId instanceof List<?> items && items.size() >= minLength
                && "storage".equals(items.get(0))) {
            return items;
        }
        throw new TensorFormatException("unexpected persistent id " + persistentId
                + " (expected ('storage', type, key, location, size, ...))");
    }

    /**
     * The whole storage a persistent id {@code ('storage', type, key, location, numel, ...)} names,
     * registered in {@code storages} by key; a key described twice with different types or sizes is
     * refused, since tensors sharing it would read different data.
     */
    static StorageRef wholeStorage(List<?> items, Map<String, StorageRef> storages) throws TensorFormatException {
        TensorDType dtype = TorchGlobals.storageDType(items.get(1));
        if (!(items.get(2) instanceof String key)) {
            throw new TensorFormatException("storage key " + items.get(2) + " is not a string");
        }
        StorageRef ref = StorageRef.whole(key, dtype, TorchGlobals.asLong(items.get(4), "storage size"));
        StorageRef known = storages.putIfAbsent(key, ref);
        if (known != null && !known.equals(ref)) {
            throw new TensorFormatException("storage " + key + " is described twice, differently");
        }
        return ref;
    }
}
