package io.github.cyclegan.pth;

import io.github.cyclegan.weights.NamedTensor;
import io.github.cyclegan.weights.SafetensorsReader;
import io.github.cyclegan.weights.TensorFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The weight files a user may bring to {@code models import}: safetensors, or a PyTorch {@code .pth} state dict in
 * the zip or legacy format (what public pretrained CycleGAN generators come as). Told apart by their first bytes,
 * since names lie.
 */
public final class StateDictFiles {

    /** The file formats an import accepts. */
    public enum Format {
        SAFETENSORS,
        PTH
    }

    private StateDictFiles() {}

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
     * Reads all tensors keyed by state-dict name. {@code .pth} keys lose a DataParallel {@code module.} prefix, as
     * the reference loader does.
     */
    public static Map<String, NamedTensor> read(Path file) throws IOException {
        return switch (detect(file)) {
            case SAFETENSORS -> SafetensorsReader.read(file).tensors();
            case PTH -> PthReader.read(file, PthReader.Options.asStored().withModulePrefixStripped());
        };
    }
}
