package io.github.cyclegan.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.github.cyclegan.weights.DjlTensors;
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
