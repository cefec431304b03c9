package io.github.cyclegan.pth;

import io.github.cyclegan.weights.NamedTensor;
import io.github.cyclegan.weights.TensorFormatException;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The pre-1.6 layout of {@code torch.save} (still written with
 * {@code _use_new_zipfile_serialization=False}; the public pretrained CycleGAN generators use
 * it): five pickles in a row (magic number, protocol version, sys_info, the state_dict, the
 * list of storage keys), then each listed storage as an int64 little-endian element count
 * followed by its raw bytes.
 */
final class LegacyPthFormat {

    private static final BigInteger MAGIC_NUMBER = new BigInteger("1950a86a20f9469cfc6c", 16);
    private static final long PROTOCOL_VERSION = 1001;

    private LegacyPthFormat() {
    }

    static Map<String, NamedTensor> read(ByteBuffer file) throws TensorFormatException {
        TorchGlobals globals = new TorchGlobals();
        PickleMachine header = new PickleMachine(globals, pid -> {
            throw new TensorFormatException("persistent id outside the state_dict pickle");
        });
        Object magic = header.load(file);
        if (!MAGIC_NUMBER.equals(magic)) {
            throw new TensorFormatException("not a torch checkpoint: magic number is " + magic);
        }
        Object protocol = header.load(file);
        if (!Long.valueOf(PROTOCOL_VERSION).equals(protocol)) {
            throw new TensorFormatException("unsupported legacy torch protocol version " + protocol);
        }
        if (!(header.load(file) instanceof Map<?, ?> sysInfo) || !Boolean.TRUE.equals(sysInfo.get("little_endian"))) {
            throw new TensorFormatException("legacy checkpoint was not written on a little-endian machine");
        }

        Map<String, StorageRef> roots = new HashMap<>();
        Object root = new PickleMachine(globals, pid -> storage(pid, roots)).load(file);
        if (!(header.load(file) instanceof List<?> keys)) {
            throw new TensorFormatException("legacy checkpoint lacks its list of storage keys");
        }
        Map<String, ByteBuffer> data = new HashMap<>();
        for (Object key : keys) {
            StorageRef ref = roots.get(key);
            if (ref == null) {
                throw new TensorFormatException("storage " + key + " is listed but no tensor uses it");
            }
            data.put(ref.key(), nextStorage(file, ref));
        }
        return StateDictTensors.materialise(root, ref -> {
            ByteBuffer bytes = data.get(ref.key());
            if (bytes == null) {
                throw new TensorFormatException("storage " + ref.key() + " is used but was never written");
            }
            return bytes;
        });
    }

    /**
     * A legacy persistent id is {@code ('storage', storage_type, root_key, location, root_size,
     * view_metadata)}; old PyTorch saved views of a storage with view_metadata
     * {@code (view_key, offset, size)} pointing into the root's data.
     */
    private static StorageRef storage(Object pid, Map<String, StorageRef> roots) throws TensorFormatException {
        List<?> items = StateDictTensors.storageTuple(pid, 6);
        StorageRef root = StateDictTensors.wholeStorage(items, roots);
        String key = root.key();
        if (items.get(5) == null) {
            return root;
        }
        if (!(items.get(5) instanceof List<?> view) || view.size() != 3) {
            throw new TensorFormatException("storage " + key + " has malformed view metadata " + items.get(5));
        }
        long offset = TorchGlobals.asLong(view.get(1), "view offset");
        long size = TorchGlobals.asLong(view.get(2), "view size");
        if (offset < 0 || size < 0 || offset + size > root.rootElements()) {
            throw new TensorFormatException("storage view [" + offset + ", +" + size + ") lies outside storage "
                    + key + " of " + root.rootElements() + " elements");
        }
        return new StorageRef(key, root.dtype(), root.rootElements(), offset, size);
    }

    private static ByteBuffer nextStorage(ByteBuffer file, StorageRef ref) throws TensorFormatException {
        if (file.remaining() < Long.BYTES) {
            throw truncated(ref);
        }
        long count = file.order(ByteOrder.LITTLE_ENDIAN).getLong();
        if (count != ref.rootElements()) {
            throw new TensorFormatException("storage " + ref.key() + " holds " + count + " elements, its tensors say "
                    + ref.rootElements());
        }
        long bytes = count * ref.dtype().byteSize();
        if (file.remaining() < bytes) {
            throw truncated(ref);
        }
        ByteBuffer storage = file.slice().limit((int) bytes).slice().order(ByteOrder.LITTLE_ENDIAN);
        file.position(file.position() + (int) bytes);
        return storage;
    }

    private static TensorFormatException truncated(StorageRef ref) {
        return new TensorFormatException("truncated legacy checkpoint: data of storage " + ref.key() + " is cut off");
    }
}
