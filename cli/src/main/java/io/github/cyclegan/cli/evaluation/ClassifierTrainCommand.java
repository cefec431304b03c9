package io.github.cyclegan.cli.evaluation;

import io.github.cyclegan.evaluation.FashionMnistClassifier;
import io.github.cyclegan.evaluation.FashionMnistClassifierTraining;
import io.github.cyclegan.evaluation.IdxFiles;
import io.github.cyclegan.evaluation.LabelledImages;
import io.github.cyclegan.weights.NamedTensor;
import io.github.cyclegan.weights.SafetensorsWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ./cyclegan classifier train}: trains the Fashion-MNIST classifier from the IDX files and saves it. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train the Fashion-MNIST classifier on the 60,000 training images, print the loss and the "
                + "accuracy on the 10,000 t10k test images after every epoch, and save the weights as safetensors "
                + "(with the seed, epochs and test accuracy in its metadata).")
final class ClassifierTrainCommand implements Callable<Integer> {

    /** Progress lines per epoch: often enough to show life on a slow machine, rare enough to stay readable. */
    private static final int PROGRESS_LINES = 4;

    @Spec
    CommandSpec spec;

    @Option(names = "--idx-dir", defaultValue = "/usr/share/datasets/fashion-mnist",
            description = "Folder with {train,t10k}-{images-idx3,labels-idx1}-ubyte.gz, as Debian's "
                    + "dataset-fashion-mnist package installs them (default: ${DEFAULT-VALUE}).")
    Path idxDir;

    @Option(names = "--epochs", defaultValue = "5", description = "Passes over the training set (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the initial weights and data order "
            + "(default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", defaultValue = "fashion-mnist-classifier.safetensors",
            description = "Weights file to write (default: ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() throws IOException {
        if (epochs <= 0) {
            throw new ParameterException(spec.commandLine(), "--epochs must be positive, got " + epochs);
        }
        for (String file : List.of("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
                "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz")) {
            if (!Files.isRegularFile(idxDir.resolve(file))) {
                throw new ParameterException(spec.commandLine(), "--idx-dir " + idxDir + " lacks " + file
                        + " (Debian: apt-get install dataset-fashion-mnist)");
            }
        }
        PrintWriter console = spec.commandLine().getOut();
        LabelledImages train = IdxFiles.readSplit(idxDir, "train");
        LabelledImages test = IdxFiles.readSplit(idxDir, "t10k");
        FashionMnistClassifierTraining.Options options = FashionMnistClassifierTraining.Options.defaults(epochs, seed);
        console.printf("training on %d images, testing on %d; %d epochs, batch %d, Adam lr %s, seed %d%n",
                train.count(), test.count(), epochs, options.batchSize(), options.learningRate(), seed);
        console.flush();
        double accuracy = 0;
        List<NamedTensor> weights;
        long start = System.nanoTime();
        try (FashionMnistClassifierTraining training = new FashionMnistClassifierTraining(options)) {
            FashionMnistClassifierTraining.Listener progress = (epoch, batch, batches, loss) -> {
                if ((batch + 1) % Math.max(1, batches / PROGRESS_LINES) == 0) {
                    console.printf(Locale.ROOT, "epoch %d batch %d/%d loss %.4f (%.0f s)%n", epoch + 1, batch + 1,
                            batches, loss, (System.nanoTime() - start) / 1e9);
                    console.flush();
                }
            };
            for (int epoch = 0; epoch < epochs; epoch++) {
                double loss = training.trainEpoch(train, epoch, progress);
                try (FashionMnistClassifier classifier = training.classifier()) {
                    accuracy = FashionMnistClassifierTraining.accuracy(classifier, test);
                }
                console.printf(Locale.ROOT, "epoch %d: mean loss %.4f, t10k accuracy %.2f %%%n", epoch + 1, loss,
                        100 * accuracy);
                console.flush();
            }
            weights = training.weights();
        }
        SafetensorsWriter.write(out, weights, Map.of(
                "model", "fashion-mnist-classifier",
                "epochs", Integer.toString(epochs),
                "seed", Long.toString(seed),
                "batch_size", Integer.toString(options.batchSize()),
                "learning_rate", Double.toString(options.learningRate()),
                "t10k_accuracy", String.format(Locale.ROOT, "%.4f", accuracy)));
        console.printf(Locale.ROOT, "wrote %s (t10k accuracy %.2f %%)%n", out, 100 * accuracy);
        return 0;
    }
}
