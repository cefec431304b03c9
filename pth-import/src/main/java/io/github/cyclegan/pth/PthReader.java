package io.github.cyclegan.pth;

import io.github.cyclegan.weights.NamedTensor;
import io.github.cyclegan.weights.TensorFormatException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Reads a PyTorch state_dict written by {@code torch.save(state_dict, path)}, in the zip layout
 * (PyTorch 1.6+) or the legacy one, without Python and without running any code from the file.
 * Every floating or integer tensor comes back as float32, in the file's key order.
 */
public final class PthReader {

    private static final String MODULE_PREFIX = "module.";

    /**
     * How keys are normalised after reading, as the reference loader does before
     * {@code load_state_dict}.
     *
     * @param stripModulePrefix remove the {@code module.} prefix a DataParallel wrapper adds
     * @param runningStatsDropped module paths (e.g. {@code model.2}) whose {@code running_mean},
     *     {@code running_var} and {@code num_batches_tracked} entries are dropped: the InstanceNorm
     *     layers that pre-0.4 PyTorch saved with running statistics the current layers lack
     */
    public record Options(boolean stripModulePrefix, Predicate<String> runningStatsDropped) {

        public Options {
            Objects.requireNonNull(runningStatsDropped, "runningStatsDropped");
        }

        /** Keys exactly as stored. */
        public static Options asStored() {
            return new Options(false, module -> false);
        }

        public Options withModulePrefixStripped() {
            return new Options(true, runningStatsDropped);
        }

        public Options withRunningStatsDroppedFor(Predicate<String> instanceNormModules) {
            return new Options(stripModulePrefix, instanceNormModules);
        }
    }

    private PthReader() {
    }

    public static Map<String, NamedTensor> read(Path path) throws IOException {
        return read(path, Options.asStored());
    }

    public static Map<String, NamedTensor> read(Path path, Options options) throws IOException {
        Map<String, NamedTensor> stored = isZip(path) ? ZipPthFormat.read(path) : readLegacy(path);
        return normalise(stored, options);
    }

    private static boolean isZip(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            byte[] head = in.readNBytes(4);
            return head.length == 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
        }
    }

    private static Map<String, NamedTensor> readLegacy(Path path) throws IOException {
        ByteBuffer file = ByteBuffer.wrap(Files.readAllBytes(path));
        if (!file.hasRemaining() || file.get(0) != (byte) 0x80) {
            throw new TensorFormatException(path + " is neither a zip nor a legacy torch checkpoint");
        }
        try {
            return LegacyPthFormat.read(file);
        } catch (TensorFormatException e) {
            throw new TensorFormatException(path + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, NamedTensor> normalise(Map<String, NamedTensor> stored, Options options)
            throws TensorFormatException {
        Map<String, NamedTensor> result = new LinkedHashMap<>();
        for (NamedTensor tensor : stored.values()) {
            String name = tensor.name();
            if (options.stripModulePrefix() && name.startsWith(MODULE_PREFIX)) {
                name = name.substring(MODULE_PREFIX.length());
            }
            if (isDroppedRunningStat(name, options.runningStatsDropped())) {
                continue;
            }
            NamedTensor renamed = name.equals(tensor.name()) ? tensor : tensor.withName(name);
            if (result.put(name, renamed) != null) {
                throw new TensorFormatException("key '" + name + "' occurs twice once '" + MODULE_PREFIX
                        + "' is stripped");
            }
        }
        return Collections.unmodifiableMap(result);
    }

    private static boolean isDroppedRunningStat(String name, Predicate<String> modules) {
        int dot = name.lastIndexOf('.');
        if (dot < 0) {
            return false;
        }
        String leaf = name.substring(dot + 1);
        boolean runningStat = leaf.equals("running_mean") || leaf.equals("running_var")
                || leaf.equals("num_batches_tracked");
        return runningStat && modules.test(name.substring(0, dot));
    }
}
