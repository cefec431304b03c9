package io.github.cyclegan.cli.models;

import io.github.cyclegan.pth.StateDictFiles;

import ai.djl.ndarray.NDManager;
import io.github.cyclegan.weights.NamedTensor;
import io.github.cyclegan.messaging.ModelArchitecture;
import io.github.cyclegan.model.CycleGanNetwork;
import io.github.cyclegan.model.GeneratorSpec;
import io.github.cyclegan.model.Networks;
import io.github.cyclegan.model.WeightFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Loads a weights file strictly into the generator an architecture describes, as the inference worker will. */
final class GeneratorWeights {

    private static final int MAX_MESSAGE = 600;

    private GeneratorWeights() {
    }

    /**
     * The file's tensors as the network holds them (reference names and order, float32, no pre-0.4 InstanceNorm
     * buffers).
     *
     * @throws IllegalArgumentException naming the file and the architecture when keys or shapes do not match or the
     *                                  file is no weights file
     */
    static List<NamedTensor> load(GeneratorSpec spec, ModelArchitecture architecture, Path file) {
        try (NDManager manager = NDManager.newBaseManager()) {
            CycleGanNetwork network = Networks.generator(spec, manager, 0);
            WeightFiles.load(network, StateDictFiles.read(file));
            return WeightFiles.tensors(network);
        } catch (IOException | IllegalArgumentException e) {
            String reason = e.getMessage().length() > MAX_MESSAGE ? e.getMessage().substring(0, MAX_MESSAGE) + " ..."
                    : e.getMessage();
            throw new IllegalArgumentException(file + " does not load into " + describe(architecture) + ": " + reason, e);
        }
    }

    static String describe(ModelArchitecture a) {
        return a.netG().optionName() + " (ngf " + a.ngf() + ", norm " + a.norm().optionName() + ", " + a.inputNc()
                + "->" + a.outputNc() + " channels" + (a.dropout() ? ", dropout" : "") + ")";
    }
}
