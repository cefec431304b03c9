package io.github.cyclegan.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.github.cyclegan.weights.DjlTensors;
import io.github.cyclegan.weights.LazyTensor;
import io.github.cyclegan.weights.NamedTensor;
import io.github.cyclegan.weights.SafetensorsReader;
import io.github.cyclegan.weights.SafetensorsWriter;

/**
 * Network weights in the files this system stores: safetensors with the reference's state-dict keys, which the
 * reference's {@code load_state_dict} accepts after {@code safetensors.torch.load_file}. PyTorch {@code .pth} files
 * are an import format only (module {@code pth-import}): the workers never unpickle.
 */
public final class WeightFiles {

    private WeightFiles() {
    }

    /** Reads all tensors of a safetensors file, keyed by state-dict name. */
    public static Map<String, NamedTensor> read(Path file) throws IOException {
        return SafetensorsReader.read(file).tensors();
    }

    /**
     * Loads {@code file} into {@code network} strictly (every key present, no extra key, equal
     * shapes), after the reference's fix-up for pre-0.4 checkpoints whose InstanceNorm layers
     * carried running statistics.
     */
    public static void load(CycleGanNetwork network, Path file) throws IOException {
        load(network, read(file));
    }

    public static void load(CycleGanNetwork network, Map<String, NamedTensor> tensors) {
        try (NDManager staging = NDManager.newBaseManager()) {
            Map<String, NDArray> arrays = new LinkedHashMap<>();
            tensors.forEach((key, tensor) -> arrays.put(key, DjlTensors.toNDArray(tensor, staging)));
            network.loadStateDict(StateDict.withoutInstanceNormBuffers(network.stateDict(), arrays));
        }
    }

    /**
     * Loads a safetensors file from a stream as {@link #load(CycleGanNetwork, Map)} does, one tensor at a time: the
     * heap holds one tensor, native memory a staging copy of the network (allocated by libtorch, not reserved as Java
     * direct buffers) until it is loaded.
     */
    public static void load(CycleGanNetwork network, InputStream safetensors) throws IOException {
        try (NDManager staging = NDManager.newBaseManager()) {
            Map<String, NDArray> arrays = new LinkedHashMap<>();
            SafetensorsReader.stream(safetensors, tensor -> arrays.put(tensor.name(), DjlTensors.toOwnedNDArray(tensor, staging)));
            network.loadStateDict(StateDict.withoutInstanceNormBuffers(network.stateDict(), arrays));
        }
    }

    /**
     * The network's weights as tensors whose values are copied out of the live parameters only when asked for, keyed
     * by the reference's state-dict names: what {@link SafetensorsWriter#stream} needs to write the network without
     * copying it whole. The values are those of the moment they are fetched.
     */
    public static List<LazyTensor> lazyTensors(CycleGanNetwork network) {
        List<LazyTensor> tensors = new ArrayList<>();
        for (StateDictEntry entry : network.stateDict()) {
            NDArray array = entry.parameter().getArray();
            tensors.add(new LazyTensor(entry.key(), array.getShape().getShape(), () -> DjlTensors.floats(array)));
        }
        return tensors;
    }

    /** The network's weights as tensors keyed and ordered by the reference's state-dict names. */
    public static List<NamedTensor> tensors(CycleGanNetwork network) {
        try (NDManager staging = NDManager.newBaseManager()) {
            List<NamedTensor> tensors = new ArrayList<>();
            network.exportStateDict(staging).values().forEach(array -> tensors.add(DjlTensors.fromNDArray(array)));
            return tensors;
        }
    }

    /**
     * Writes the network as a safetensors file that the reference's {@code load_state_dict}
     * accepts (after {@code safetensors.torch.load_file}).
     */
    public static void save(CycleGanNetwork network, Path file, Map<String, String> metadata) throws IOException {
        SafetensorsWriter.write(file, tensors(network), metadata);
    }
}
