package io.github.cyclegan.cli.models;

import io.github.cyclegan.cli.ConnectionOptions;
import io.github.cyclegan.cli.DirectionConverter;
import io.github.cyclegan.cli.HelpOption;
import io.github.cyclegan.client.CycleganClient;
import io.github.cyclegan.serving.GeneratorSpecs;
import io.github.cyclegan.weights.NamedTensor;
import io.github.cyclegan.messaging.Direction;
import io.github.cyclegan.messaging.ModelVersion;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ./cyclegan models export}: one generator of a version as a safetensors file for PyTorch. */
@Command(name = "export",
        description = "Download one generator of a model version as a safetensors file with the reference's "
                + "state-dict names, checked to load strictly into the version's architecture. In PyTorch: "
                + "net.load_state_dict(safetensors.torch.load_file(FILE)) on the reference's define_G network.")
public final class ModelExportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    HelpOption help;

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--model", required = true, paramLabel = "NAME", description = "The model.")
    String model;

    @Option(names = "--version", paramLabel = "V", description = "The version (default: the latest).")
    Long version;

    @Option(names = "--direction", required = true, paramLabel = "AtoB|BtoA", converter = DirectionConverter.class,
            description = "AtoB (G_A) or BtoA (G_B).")
    Direction direction;

    @Parameters(paramLabel = "FILE", description = "Where to write the .safetensors file (overwritten).")
    Path file;

    @Override
    public Integer call() throws Exception {
        ModelVersion found;
        try (CycleganClient client = connection.connectStorage()) {
            found = client.modelVersion(model, version);
            Files.write(file, client.downloadGenerator(found, direction));
        }
        String uri = found.generators().get(direction);
        List<NamedTensor> tensors;
        try {
            tensors = GeneratorWeights.load(GeneratorSpecs.of(found.architecture(), direction), found.architecture(),
                    file);
        } catch (IllegalArgumentException e) {
            Files.deleteIfExists(file);
            throw new IllegalStateException("the stored weights " + uri + " are corrupt: " + e.getMessage(), e);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("wrote " + file + ": model " + model + " version " + found.version() + ", " + direction + " ("
                + GeneratorWeights.describe(found.architecture()) + ", " + tensors.size() + " tensors, "
                + Files.size(file) + " bytes)");
        out.flush();
        return 0;
    }
}
