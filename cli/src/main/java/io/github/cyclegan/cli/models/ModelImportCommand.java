package io.github.cyclegan.cli.models;

import io.github.cyclegan.cli.ConnectionOptions;
import io.github.cyclegan.cli.DirectionConverter;
import io.github.cyclegan.cli.OptionNames;
import io.github.cyclegan.client.CycleganClient;
import io.github.cyclegan.versions.GeneratorFile;
import io.github.cyclegan.serving.GeneratorSpecs;
import io.github.cyclegan.weights.SafetensorsWriter;
import io.github.cyclegan.messaging.Direction;
import io.github.cyclegan.messaging.Network;
import io.github.cyclegan.messaging.ModelArchitecture;
import io.github.cyclegan.messaging.ModelVersion;
import io.github.cyclegan.messaging.options.GeneratorArchitecture;
import io.github.cyclegan.messaging.options.NormType;
import io.github.cyclegan.model.GeneratorSpec;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ./cyclegan models import}: a reference generator ({@code .pth} or safetensors) as a new version of a model,
 * published the way the training worker publishes one, so that the inference workers serve it.
 */
@Command(name = "import", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Store a generator's weights (a PyTorch .pth state dict, as the reference's pretrained "
                + "generators come, or safetensors) as a new version of MODEL, and publish it: the inference workers "
                + "serve it from then on.",
            "The file must load strictly (every key, no extra key, equal shapes) into the architecture the options "
                    + "describe. The new version is the latest + 1; it also keeps the other direction's generator of "
                    + "the latest version when that has the same architecture, so that importing AtoB and then BtoA "
                    + "makes one version with both."})
public final class ModelImportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--model", required = true, paramLabel = "NAME", description = "Model to add the version to.")
    String model;

    @Option(names = "--direction", required = true, paramLabel = "AtoB|BtoA", converter = DirectionConverter.class,
            description = "Which generator the file is: AtoB (G_A) or BtoA (G_B).")
    Direction direction;

    @Option(names = "--net-g", defaultValue = "resnet_9blocks", paramLabel = "NAME",
            converter = OptionNames.Generators.class, completionCandidates = OptionNames.Generators.class,
            description = "Generator architecture: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    GeneratorArchitecture architecture;

    @Option(names = "--ngf", defaultValue = "64", paramLabel = "N", description = "Filters in the first layer "
            + "(default: ${DEFAULT-VALUE}).")
    int ngf;

    @Option(names = "--norm", defaultValue = "instance", paramLabel = "NAME", converter = OptionNames.Norms.class,
            completionCandidates = OptionNames.Norms.class, description = "Normalisation between convolutions: "
            + "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    NormType norm;

    @Option(names = "--input-nc", defaultValue = "3", paramLabel = "N", description = "Channels of domain A images "
            + "(default: ${DEFAULT-VALUE}).")
    int inputNc;

    @Option(names = "--output-nc", defaultValue = "3", paramLabel = "N", description = "Channels of domain B images "
            + "(default: ${DEFAULT-VALUE}).")
    int outputNc;

    @Option(names = "--dropout", description = "The generator was trained with dropout (the reference's CycleGAN "
            + "sets --no_dropout, so usually not).")
    boolean dropout;

    @Parameters(paramLabel = "FILE", description = "The .pth or .safetensors file.")
    Path file;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(file)) {
            throw new ParameterException(spec.commandLine(), "no file " + file);
        }
        ModelArchitecture arch;
        GeneratorSpec generator;
        try {
            arch = new ModelArchitecture(architecture, ngf, norm, inputNc, outputNc, dropout);
            generator = GeneratorSpecs.of(arch, direction);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        Network network = Network.generator(direction);
        byte[] weights;
        try {
            weights = SafetensorsWriter.toBytes(GeneratorWeights.load(generator, arch, file),
                    Map.of("network", network.name(), "format", "pt"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + " (describe the generator with --net-g, --ngf, --norm, "
                    + "--input-nc, --output-nc, --dropout)", e);
        }
        ModelVersion published;
        Optional<ModelVersion> carriedFrom;
        try (CycleganClient client = connection.connect()) {
            carriedFrom = client.latestVersion(model).filter(v -> v.architecture().equals(arch) && v.generators().containsKey(direction.opposite()));
            Map<Direction, GeneratorFile> generators = new EnumMap<>(Direction.class);
            carriedFrom.ifPresent(v -> generators.put(direction.opposite(), new GeneratorFile.Existing(
                    v.generators().get(direction.opposite()), v.sha256().get(direction.opposite()))));
            generators.put(direction, new GeneratorFile.Upload(weights));
            published = client.publishVersion(model, arch, generators);
        }
        long version = published.version();
        PrintWriter out = spec.commandLine().getOut();
        out.println("imported " + file + " as model " + model + " version " + version + " (" + direction + ", "
                + GeneratorWeights.describe(arch) + ")");
        carriedFrom.ifPresent(v -> out.println("kept the " + direction.opposite() + " generator of version "
                + v.version() + ": " + v.generators().get(direction.opposite())));
        out.flush();
        return 0;
    }
}
