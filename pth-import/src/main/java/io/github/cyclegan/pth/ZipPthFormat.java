package io.github.cyclegan.pth;

import io.github.cyclegan.weights.NamedTensor;
import io.github.cyclegan.weights.TensorFormatException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * The zip checkpoint layout of {@code torch.save} since PyTorch 1.6: {@code <record>/data.pkl}
 * holds the pickle, {@code <record>/data/<key>} the raw bytes of each storage, and an optional
 * {@code <record>/byteorder} says how they are ordered. {@code <record>} is whatever directory
 * name the writer chose (the file's stem, or {@code archive}), so it is discovered, not assumed.
 */
final class ZipPthFormat {

    private ZipPthFormat() {
    }

    static Map<String, NamedTensor> read(Path path) throws IOException {
        try (ZipFile zip = new ZipFile(path.toFile())) {
            String record = recordDirectory(zip);
            checkByteOrder(zip, record);
            Map<String, StorageRef> storages = new HashMap<>();
            PickleMachine machine = new PickleMachine(new TorchGlobals(), pid -> storage(pid, storages));
            Object root = machine.load(ByteBuffer.wrap(entryBytes(zip, record + "data.pkl")));
            Map<String, ByteBuffer> loaded = new HashMap<>();
            return StateDictTensors.materialise(root, ref -> {
                ByteBuffer bytes = loaded.get(ref.key());
                if (bytes == null) {
                    bytes = storageBytes(zip, record, ref);
                    loaded.put(ref.key(), bytes);
                }
                return bytes;
            });
        } catch (ZipException e) {
            throw new TensorFormatException(path + ": truncated or corrupt zip checkpoint: " + e.getMessage(), e);
        }
    }

    private static String recordDirectory(ZipFile zip) throws TensorFormatException {
        Enumeration<? extends ZipEntry> entries = zip.entries();
        while (entries.hasMoreElements()) {
            String name = entries.nextElement().getName();
            int slash = name.indexOf('/');
            if (slash > 0 && name.substring(slash + 1).equals("data.pkl")) {
                return name.substring(0, slash + 1);
            }
        }
        throw new TensorFormatException(zip.getName() + " is a zip file without <record>/data.pkl: not a torch checkpoint");
    }

    private static void checkByteOrder(ZipFile zip, String record) throws IOException {
        if (zip.getEntry(record + "byteorder") == null) {
            return; // PyTorch before 2.1 wrote no byteorder record and only little-endian data
        }
        String order = new String(entryBytes(zip, record + "byteorder"), StandardCharsets.US_ASCII).trim();
        if (!order.equals("little")) {
            throw new TensorFormatException("checkpoint byte order '" + order + "' is not supported (little only)");
        }
    }

    /** A zip persistent id is {@code ('storage', storage_type, key, location, numel)}. */
    private static StorageRef storage(Object pid, Map<String, StorageRef> storages) throws TensorFormatException {
        return StateDictTensors.wholeStorage(StateDictTensors.storageTuple(pid, 5), storages);
    }

    private static ByteBuffer storageBytes(ZipFile zip, String record, StorageRef ref) throws TensorFormatException {
        String name = record + "data/" + ref.key();
        long expected = ref.rootElements() * ref.dtype().byteSize();
        ZipEntry entry = zip.getEntry(name);
        // Checked before reading so that a lying entry cannot make us inflate gigabytes.
        if (entry != null && entry.getSize() >= 0 && entry.getSize() != expected) {
            throw new TensorFormatException(name + " holds " + entry.getSize() + " bytes, expected " + expected
                    + " (" + ref.rootElements() + " x " + ref.dtype() + ")");
        }
        try {
            byte[] bytes = entryBytes(zip, name);
            if (bytes.length != expected) {
                throw new TensorFormatException(name + " holds " + bytes.length + " bytes, expected " + expected
                        + " (" + ref.rootElements() + " x " + ref.dtype() + ")");
            }
            return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        } catch (TensorFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new TensorFormatException("cannot read " + name + ": " + e.getMessage(), e);
        }
    }

    private static byte[] entryBytes(ZipFile zip, String name) throws IOException {
        ZipEntry entry = zip.getEntry(name);
        if (entry == null) {
            throw new TensorFormatException("checkpoint lacks the zip entry " + name);
        }
        try (InputStream in = zip.getInputStream(entry)) {
            return in.readAllBytes();
        }
    }
}
