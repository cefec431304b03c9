package io.github.cyclegan.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.github.cyclegan.interop.DjlTensors;
import io.github.cyclegan.interop.NamedTensor;
import io.github.cyclegan.interop.PthReader;
import io.github.cyclegan.interop.SafetensorsReader;
import io.github.cyclegan.interop.SafetensorsWriter;
import io.github.cyclegan.interop.TensorFormatException;

/**
 * Network weights in files the reference implementation reads and writes: safetensors with the
 * reference's state-dict keys (what this system stores), and PyTorch {@code .pth} state dicts in
 * the zip or the legacy format (what public pretrained CycleGAN generators come as).
 */
public final class WeightFiles {

    /** The file formats, told apart by their first bytes rather than their names. */
    public enum Format { SAFETENSORS, PTH }

    private WeightFiles() {
    }

    public static Format detect(Path file) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(9);
        }
        boolean zip = head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
        boolean pickle = head.length >= 2 && head[0] == (byte) 0x80;
        if (zip || pickle) {
            return Format.PTH;
        }
        // safetensors: an 8-byte little-endian header length, then the JSON header itself.
        if (head.length == 9 && head[8] == '{') {
            return Format.SAFETENSORS;
        }
        throw new TensorFormatException(file + " is neither a safetensors file nor a PyTorch .pth state dict");
    }

    /**
     * Reads all tensors keyed by state-dict name. {@code .pth} keys lose a DataParallel
     * {@code module.} prefix, as the reference loader does.
     */
    public static Map<String, NamedTensor> read(Path file) throws IOException {
        return switch (detect(file)) {
            case SAFETENSORS -> SafetensorsReader.read(file).tensors();
            case PTH -> PthReader.read(file, PthReader.Options.asStored().withModulePrefixStripped());
        };
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
