package io.github.cyclegan.training;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.github.cyclegan.weights.DjlTensors;
import io.github.cyclegan.weights.NamedTensor;
import io.github.cyclegan.weights.SafetensorsReader;
import io.github.cyclegan.weights.SafetensorsWriter;
import io.github.cyclegan.messaging.MessageCodec;
import io.github.cyclegan.model.WeightFiles;

/**
 * Everything of a {@link CycleGanModel} that a resumed run needs, as named files: the four
 * networks ({@code G_A.safetensors} ... with the reference's state-dict keys, so each one also
 * loads into the reference implementation), both optimisers' moment estimates, both image pools,
 * and a small JSON with step counts and RNG positions (pools, gradient penalty). The reference saves only the networks.
 */
public final class ModelCheckpoint {

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

    public static String networkFile(String network) {
        return network + ".safetensors";
    }

    /** The model's full state as file name to content, in a stable order. */
    public static Map<String, byte[]> export(CycleGanModel model) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (String name : CycleGanModel.NETWORK_NAMES) {
            files.put(networkFile(name), SafetensorsWriter.toBytes(WeightFiles.tensors(model.network(name)),
                    Map.of("network", name, "format", "pt")));
        }
        files.put(OPTIMIZER_G, optimizerBytes(model.optimizerG()));
        files.put(OPTIMIZER_D, optimizerBytes(model.optimizerD()));
        ImagePoolState poolA = model.fakeAPool().state();
        ImagePoolState poolB = model.fakeBPool().state();
        files.put(POOL_FAKE_A, poolBytes(poolA));
        files.put(POOL_FAKE_B, poolBytes(poolB));
        State state = new State(model.optimizerG().stepCount(), model.optimizerD().stepCount(), poolA.poolSize(),
                poolA.rngState(), poolB.rngState(), model.gradientPenaltyRngState());
        files.put(MODEL_STATE, json(state));
        return files;
    }

    /** Puts {@code model} back in the state {@link #export} captured; the model must have the same options. */
    public static void restore(CycleGanModel model, Map<String, byte[]> files) {
        try {
            for (String name : CycleGanModel.NETWORK_NAMES) {
                WeightFiles.load(model.network(name), SafetensorsReader.read(required(files, networkFile(name))).tensors());
            }
            State state = MessageCodec.mapper().readValue(required(files, MODEL_STATE), State.class);
            restoreOptimizer(model.optimizerG(), required(files, OPTIMIZER_G), state.optimizerGSteps());
            restoreOptimizer(model.optimizerD(), required(files, OPTIMIZER_D), state.optimizerDSteps());
            model.fakeAPool().restore(poolState(required(files, POOL_FAKE_A), state.poolSize(), state.fakeAPoolRng()));
            model.fakeBPool().restore(poolState(required(files, POOL_FAKE_B), state.poolSize(), state.fakeBPoolRng()));
            if (state.gradientPenaltyRng() != null) {
                model.restoreGradientPenaltyRng(state.gradientPenaltyRng());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("corrupt checkpoint: " + e.getMessage(), e);
        }
    }

    private static byte[] optimizerBytes(Adam adam) {
        try (NDManager staging = NDManager.newBaseManager()) {
            NDList state = adam.exportState(staging);
            return SafetensorsWriter.toBytes(DjlTensors.fromNDList(state), Map.of());
        }
    }

    private static void restoreOptimizer(Adam adam, byte[] file, long steps) throws IOException {
        try (NDManager staging = NDManager.newBaseManager()) {
            Map<String, NDArray> arrays = new LinkedHashMap<>();
            SafetensorsReader.read(file).tensors().forEach((key, tensor) -> arrays.put(key, DjlTensors.toNDArray(tensor, staging)));
            adam.importState(arrays, steps);
        }
    }

    private static byte[] poolBytes(ImagePoolState pool) {
        List<NamedTensor> images = new ArrayList<>();
        for (int i = 0; i < pool.images().size(); i++) {
            ImagePoolState.StoredImage image = pool.images().get(i);
            images.add(new NamedTensor(slotName(i), image.shape(), image.data()));
        }
        return SafetensorsWriter.toBytes(images, Map.of());
    }

    private static ImagePoolState poolState(byte[] file, int poolSize, long rng) throws IOException {
        // Slot names sort in slot order because they are zero-padded.
        Map<String, NamedTensor> slots = new TreeMap<>(SafetensorsReader.read(file).tensors());
        List<ImagePoolState.StoredImage> images = new ArrayList<>();
        slots.values().forEach(t -> images.add(new ImagePoolState.StoredImage(t.shape(), t.data())));
        return new ImagePoolState(poolSize, rng, images);
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

    static byte[] required(Map<String, byte[]> files, String name) {
        byte[] content = files.get(name);
        if (content == null) {
            throw new IllegalArgumentException("checkpoint has no " + name + " (it has " + files.keySet() + ")");
        }
        return content;
    }
}
