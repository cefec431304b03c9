package io.github.cyclegan.training;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.github.cyclegan.messaging.MessageCodec;
import io.github.cyclegan.messaging.Network;
import io.github.cyclegan.model.WeightFiles;
import io.github.cyclegan.weights.DjlTensors;
import io.github.cyclegan.weights.LazyTensor;
import io.github.cyclegan.weights.SafetensorsReader;
import io.github.cyclegan.weights.SafetensorsStream;
import io.github.cyclegan.weights.SafetensorsWriter;

/**
 * Everything of a {@link CycleGanModel} that a resumed run needs, as named files: the four networks
 * ({@code G_A.safetensors} ... with the reference's state-dict keys, so each one also loads into the reference
 * implementation), both optimisers' moment estimates, both image pools, and a small JSON with step counts and RNG
 * positions (pools, gradient penalty). The reference saves only the networks.
 *
 * <p>Files are written and read one tensor at a time: writing copies each tensor out of the live model only when
 * its bytes are due, reading copies each into the model (or a native staging array) before the next is read, so
 * neither holds more than one tensor of the checkpoint on the Java heap.
 */
final class ModelCheckpoint {

    static final String OPTIMIZER_G = "optimizer_G.safetensors";
    static final String OPTIMIZER_D = "optimizer_D.safetensors";
    static final String POOL_FAKE_A = "pool_fake_A.safetensors";
    static final String POOL_FAKE_B = "pool_fake_B.safetensors";
    static final String MODEL_STATE = "model.json";

    /**
     * Step counts and RNG positions that go with the tensors. {@code gradientPenaltyRng} is null in
     * checkpoints written before the gradient penalty existed; the stream then starts from its seed.
     */
    record State(long optimizerGSteps, long optimizerDSteps, int poolSize, long fakeAPoolRng, long fakeBPoolRng,
            Long gradientPenaltyRng) {
    }

    private ModelCheckpoint() {
    }

    /**
     * The model's files in the order to write them. Their content is read from the model when a file is opened;
     * {@code checkCurrent} runs first and throws when the model has changed since this call.
     */
    static List<CheckpointFile> files(CycleGanModel model, Runnable checkCurrent) {
        List<CheckpointFile> files = new ArrayList<>();
        for (Network network : Network.values()) {
            files.add(safetensors(network.fileName(), WeightFiles.lazyTensors(model.network(network)),
                    Map.of("network", network.name(), "format", "pt"), checkCurrent));
        }
        files.add(safetensors(OPTIMIZER_G, lazy(model.optimizerG().stateArrays()), Map.of(), checkCurrent));
        files.add(safetensors(OPTIMIZER_D, lazy(model.optimizerD().stateArrays()), Map.of(), checkCurrent));
        files.add(safetensors(POOL_FAKE_A, poolTensors(model.fakeAPool()), Map.of(), checkCurrent));
        files.add(safetensors(POOL_FAKE_B, poolTensors(model.fakeBPool()), Map.of(), checkCurrent));
        State state = new State(model.optimizerG().stepCount(), model.optimizerD().stepCount(), model.fakeAPool().poolSize(),
                model.fakeAPool().rngState(), model.fakeBPool().rngState(), model.gradientPenaltyRngState());
        files.add(CheckpointFile.of(MODEL_STATE, json(state)));
        return files;
    }

    /**
     * Puts {@code model} back in the state a checkpoint captured, file by file; the model must have the same
     * options. When the checkpoint has a manifest, every file read is checked against its size and SHA-256.
     */
    static void restore(CycleGanModel model, CheckpointSource source) throws IOException {
        Optional<CheckpointManifest> manifest = CheckpointManifest.read(source);
        for (Network network : Network.values()) {
            try (InputStream in = open(source, manifest, network.fileName())) {
                WeightFiles.load(model.network(network), in);
            }
        }
        byte[] stateJson;
        try (InputStream in = open(source, manifest, MODEL_STATE)) {
            stateJson = in.readAllBytes();
        }
        State state;
        try {
            state = MessageCodec.mapper().readValue(stateJson, State.class);
        } catch (IOException e) {
            throw new CorruptCheckpointException("corrupt " + MODEL_STATE + ": " + e.getMessage(), e);
        }
        restoreOptimizer(model.optimizerG(), source, manifest, OPTIMIZER_G, state.optimizerGSteps());
        restoreOptimizer(model.optimizerD(), source, manifest, OPTIMIZER_D, state.optimizerDSteps());
        restorePool(model.fakeAPool(), source, manifest, POOL_FAKE_A, state.poolSize(), state.fakeAPoolRng());
        restorePool(model.fakeBPool(), source, manifest, POOL_FAKE_B, state.poolSize(), state.fakeBPoolRng());
        if (state.gradientPenaltyRng() != null) {
            model.restoreGradientPenaltyRng(state.gradientPenaltyRng());
        }
    }

    /** Opens a file of the checkpoint, checked against the manifest when there is one. */
    static InputStream open(CheckpointSource source, Optional<CheckpointManifest> manifest, String name) throws IOException {
        CheckpointManifest.FileDigest expected = null;
        if (manifest.isPresent()) {
            expected = manifest.get().files().get(name);
            if (expected == null) {
                throw new CorruptCheckpointException(CheckpointManifest.FILE + " does not list " + name
                        + ", which every checkpoint writes before it");
            }
        }
        InputStream in = source.open(name);
        return expected == null ? in : DigestStreams.verifying(in, name, expected);
    }

    private static CheckpointFile safetensors(String name, List<LazyTensor> tensors, Map<String, String> metadata,
            Runnable checkCurrent) {
        SafetensorsStream stream = SafetensorsWriter.stream(tensors, metadata);
        return new CheckpointFile(name, stream.length(), () -> {
            checkCurrent.run();
            return stream.open();
        });
    }

    private static List<LazyTensor> lazy(Map<String, NDArray> arrays) {
        List<LazyTensor> tensors = new ArrayList<>(arrays.size());
        arrays.forEach((name, array) -> tensors.add(new LazyTensor(name, array.getShape().getShape(),
                () -> DjlTensors.floats(array))));
        return tensors;
    }

    private static List<LazyTensor> poolTensors(ImagePool pool) {
        List<NDArray> images = List.copyOf(pool.storedImages());
        List<LazyTensor> tensors = new ArrayList<>(images.size());
        for (int i = 0; i < images.size(); i++) {
            NDArray image = images.get(i);
            tensors.add(new LazyTensor(slotName(i), image.getShape().getShape(), () -> DjlTensors.floats(image)));
        }
        return tensors;
    }

    private static void restoreOptimizer(Adam adam, CheckpointSource source, Optional<CheckpointManifest> manifest,
            String file, long steps) throws IOException {
        Set<String> missing = new TreeSet<>(adam.stateArrays().keySet());
        try (InputStream in = open(source, manifest, file); NDManager staging = NDManager.newBaseManager()) {
            SafetensorsReader.stream(in, tensor -> {
                try (NDArray value = DjlTensors.toNDArray(tensor, staging)) {
                    adam.importEntry(tensor.name(), value);
                }
                missing.remove(tensor.name());
            });
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("optimizer state " + file + " has no entry " + missing.iterator().next()
                    + (missing.size() > 1 ? " (nor " + (missing.size() - 1) + " more)" : ""));
        }
        adam.restoreStepCount(steps);
    }

    private static void restorePool(ImagePool pool, CheckpointSource source, Optional<CheckpointManifest> manifest,
            String file, int poolSize, long rng) throws IOException {
        if (poolSize != pool.poolSize()) {
            throw new IllegalArgumentException(
                    "pool state was saved with size " + poolSize + ", this pool has size " + pool.poolSize());
        }
        try (InputStream in = open(source, manifest, file); NDManager staging = NDManager.newBaseManager()) {
            // Slot names sort in slot order because they are zero-padded.
            Map<String, NDArray> slots = new TreeMap<>();
            SafetensorsReader.stream(in, tensor -> slots.put(tensor.name(), DjlTensors.toOwnedNDArray(tensor, staging)));
            pool.restore(rng, new ArrayList<>(slots.values()));
        }
    }

    private static String slotName(int slot) {
        return String.format("slot_%04d", slot);
    }

    static byte[] json(Object value) {
        try {
            return MessageCodec.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
