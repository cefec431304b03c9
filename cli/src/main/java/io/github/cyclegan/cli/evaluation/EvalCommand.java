package io.github.cyclegan.cli.evaluation;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import io.github.cyclegan.cli.ConnectionOptions;
import io.github.cyclegan.client.CycleganClient;
import io.github.cyclegan.evaluation.DomainClasses;
import io.github.cyclegan.evaluation.FashionMnistClassifier;
import io.github.cyclegan.evaluation.NamedImage;
import io.github.cyclegan.evaluation.QualityEvaluation;
import io.github.cyclegan.evaluation.QualityEvaluator;
import io.github.cyclegan.serving.GeneratorModel;
import io.github.cyclegan.serving.GeneratorSpecs;
import io.github.cyclegan.weights.SafetensorsReader;
import io.github.cyclegan.weights.TensorFormatException;
import io.github.cyclegan.messaging.Direction;
import io.github.cyclegan.messaging.ModelVersion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ./cyclegan eval}: a stored model version against a dataset's test images, on this machine. The
 * generators and images come from storage; nothing goes through Kafka, so no worker is needed.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Measure a model version on the testA/ and testB/ images of an uploaded dataset: "
                + "cycle-reconstruction PSNR and SSIM per direction, paired PSNR/SSIM when test images of A and B "
                + "share file names, and with --classifier the share of translations a classifier assigns to the "
                + "target domain.",
            "Prints the table and writes quality.json and contact-sheet.png (rows: input | translation | "
                + "reconstruction) into --out."})
public final class EvalCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--model", required = true, paramLabel = "NAME", description = "Model to evaluate.")
    String model;

    @Option(names = "--version", paramLabel = "V", description = "Version to evaluate (default: the latest).")
    Long version;

    @Option(names = "--dataset", required = true, paramLabel = "NAME",
            description = "Dataset uploaded with ./cyclegan dataset upload; its testA/ and testB/ are used.")
    String dataset;

    @Option(names = "--classifier", paramLabel = "fashion-mnist|FILE",
            description = "Domain classifier: '" + ClassifierChoice.BUNDLED + "' (bundled, 10 Fashion-MNIST classes) "
                    + "or a safetensors file of the same network. Needs --class-a and --class-b.")
    String classifier;

    @Option(names = "--class-a", paramLabel = "N", description = "The classifier's class for domain A "
            + "(Fashion-MNIST: 7 = sneaker).")
    Integer classA;

    @Option(names = "--class-b", paramLabel = "N", description = "The classifier's class for domain B "
            + "(Fashion-MNIST: 9 = ankle boot).")
    Integer classB;

    @Option(names = "--rows", defaultValue = "8", paramLabel = "N",
            description = "Contact sheet rows per direction (default: ${DEFAULT-VALUE}).")
    int rows;

    @Option(names = "--out", defaultValue = "eval-output", paramLabel = "DIR",
            description = "Folder for quality.json and contact-sheet.png (default: ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() throws IOException {
        if (classifier != null && (classA == null || classB == null)) {
            throw new ParameterException(spec.commandLine(), "--classifier needs --class-a and --class-b");
        }
        if (rows <= 0) {
            throw new ParameterException(spec.commandLine(), "--rows must be positive, got " + rows);
        }
        try (CycleganClient client = connection.connectStorage()) {
            ModelVersion chosen = client.modelVersion(model, version);
            for (Direction direction : Direction.values()) {
                if (!chosen.generators().containsKey(direction)) {
                    throw new IllegalArgumentException("model " + model + " version " + chosen.version()
                            + " has no " + direction.wireName() + " generator; eval needs both directions");
                }
            }
            List<NamedImage> testA = TestImages.fromDataset(client.datasets(), dataset, "testA",
                    chosen.architecture().inputNc());
            List<NamedImage> testB = TestImages.fromDataset(client.datasets(), dataset, "testB",
                    chosen.architecture().outputNc());
            PrintWriter printer = spec.commandLine().getOut();
            printer.printf("evaluating %s version %d on %s: %d A and %d B test images%n", model, chosen.version(),
                    dataset, testA.size(), testB.size());
            printer.flush();
            try (GeneratorModel aToB = generator(client, chosen, Direction.A_TO_B);
                    GeneratorModel bToA = generator(client, chosen, Direction.B_TO_A);
                    FashionMnistClassifier domains = classifier == null ? null : ClassifierChoice.open(classifier)) {
                QualityEvaluation evaluation = new QualityEvaluator(aToB::translate, bToA::translate,
                        domains == null ? null : new DomainClasses(domains, classA, classB)).evaluate(testA, testB);
                EvaluationOutput.write(evaluation, out, rows, printer);
            }
        }
        return 0;
    }

    /** Stored generators are always safetensors (the training worker and models import write no other format). */
    private static GeneratorModel generator(CycleganClient client, ModelVersion version, Direction direction)
            throws TensorFormatException {
        return GeneratorModel.fromStateDict(GeneratorSpecs.of(version.architecture(), direction),
                SafetensorsReader.read(client.downloadGenerator(version, direction)).tensors());
    }
}
