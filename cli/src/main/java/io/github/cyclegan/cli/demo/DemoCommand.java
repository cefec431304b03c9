package io.github.cyclegan.cli.demo;

import java.io.IOException;
import java.math.BigDecimal;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;


import io.github.cyclegan.cli.CycleganCli;
import io.github.cyclegan.cli.LocalSystem;
import io.github.cyclegan.cli.ProgressLine;
import io.github.cyclegan.cli.evaluation.EvaluationOutput;
import io.github.cyclegan.cli.evaluation.TestImages;
import io.github.cyclegan.cli.training.TrainCommand;
import io.github.cyclegan.client.ClientSettings;
import io.github.cyclegan.client.CycleganClient;
import io.github.cyclegan.client.EventPosition;
import io.github.cyclegan.evaluation.DirectionReport;
import io.github.cyclegan.evaluation.DomainClasses;
import io.github.cyclegan.evaluation.FashionMnistClassifier;
import io.github.cyclegan.evaluation.NamedImage;
import io.github.cyclegan.evaluation.QualityEvaluation;
import io.github.cyclegan.evaluation.QualityEvaluator;
import io.github.cyclegan.localstack.FileTrees;
import io.github.cyclegan.localstack.LocalStackConfig;
import io.github.cyclegan.messaging.Direction;
import io.github.cyclegan.messaging.Network;
import io.github.cyclegan.messaging.TrainingEvent;
import io.github.cyclegan.messaging.TrainingJob;
import io.github.cyclegan.messaging.TrainingState;
import io.github.cyclegan.storage.S3Uri;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ./cyclegan demo}: the whole system once, end to end, on this machine. A fresh local stack and
 * both workers start; the bundled Fashion-MNIST subset is uploaded; a real TrainingJob trains (by
 * default fine-tuning the bundled pretrained demo model); every test image is translated through
 * Kafka and back again; the quality table and a contact sheet are written; everything stops.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run the whole system end to end on this machine: start Kafka, S3 and both workers, upload the "
                + "bundled Fashion-MNIST sneakers/ankle-boots dataset, train through a real TrainingJob (fine-tuning "
                + "the bundled pretrained model unless --from-scratch), translate the 200 test images in both "
                + "directions and back through Kafka, then write the quality table and a contact sheet into --out.",
            "Exit code 0 when every step worked and the domain-classifier score reaches --min-score in both "
                + "directions."})
public final class DemoCommand implements Callable<Integer> {

    static final String DATA = "demo/sneakers2boots";
    static final String PRETRAINED = "demo/pretrained";
    static final String PRETRAINED_NAME = DemoRecipe.MODEL + "-pretrained";
    private static final int URLS_SHOWN = 3;
    private static final int CONTACT_ROWS = 8;
    /** Exit code when the system worked but the model missed --min-score. */
    static final int EXIT_BELOW_BAR = 3;

    @Spec
    CommandSpec spec;

    @Option(names = "--out", defaultValue = "demo-output", paramLabel = "DIR",
            description = "Folder for the report, the contact sheet and (on failure) the system's data and logs "
                    + "(default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--from-scratch", description = "Train from a random initialisation instead of fine-tuning the "
            + "bundled pretrained model.")
    boolean fromScratch;

    @Option(names = "--n-epochs", paramLabel = "N", description = "Epochs at the initial learning rate (default: 0 "
            + "when fine-tuning, 2 from scratch; 400 iterations each).")
    Integer epochs;

    @Option(names = "--n-epochs-decay", paramLabel = "N", description = "Epochs of linear learning-rate decay "
            + "(default: 1 when fine-tuning, 2 from scratch).")
    Integer epochsDecay;

    @Option(names = "--lr", paramLabel = "RATE", description = "Initial learning rate (default: 0.00002 when "
            + "fine-tuning, the reference's 0.0002 from scratch).")
    Double lr;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "N",
            description = "Training seed; the same seed gives the same quality table (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--min-score", defaultValue = "0.8", paramLabel = "SHARE",
            description = "Domain-classifier score each direction must reach (default: ${DEFAULT-VALUE}).")
    double minScore;

    @Option(names = "--save-pretrained", paramLabel = "DIR",
            description = "Also save the trained networks (G_A, G_B, D_A, D_B) into DIR: how demo/pretrained was made.")
    Path savePretrained;

    @Option(names = "--home", defaultValue = "${env:CYCLEGAN_HOME:-.}", paramLabel = "DIR",
            description = "The checkout with the demo data and the built workers (default: ${DEFAULT-VALUE}).")
    Path home;

    @Override
    public Integer call() throws Exception {
        DemoRecipe recipe = recipe();
        Path data = home.resolve(DATA);
        if (!Files.isDirectory(data)) {
            throw new ParameterException(spec.commandLine(), "no demo dataset at " + data + "; run the demo from the "
                    + "checkout or set --home");
        }
        PrintWriter printer = spec.commandLine().getOut();
        long started = System.nanoTime();
        Path system = out.resolve("local-system");
        FileTrees.delete(system);
        Files.createDirectories(out);
        LocalSystem.Config config = new LocalSystem.Config(LocalStackConfig.ephemeral(system), true, home, 0, 0);
        boolean passed;
        try (LocalSystem running = LocalSystem.start(config, printer)) {
            ClientSettings settings = ClientSettings.fromEnvironment(running.stack().clientEnvironment());
            upload(settings, data, printer);
            QualityEvaluation evaluation;
            long trained;
            try (CycleganClient client = new CycleganClient(settings)) {
                TrainingEvent completed = train(client, recipe, printer);
                trained = System.nanoTime();
                evaluation = evaluate(client, completed.version(), data, printer);
                if (savePretrained != null) {
                    savePretrained(client, completed, printer);
                }
            }
            EvaluationOutput.write(evaluation, out, CONTACT_ROWS, printer);
            passed = meetsBar(evaluation, printer);
            printer.printf("demo took %s (training %s)%n", ProgressLine.duration(Duration.ofNanos(System.nanoTime() - started)),
                    ProgressLine.duration(Duration.ofNanos(trained - started)));
            printer.println("stopping the local system ...");
            printer.flush();
        }
        if (passed) {
            FileTrees.delete(system);
        } else {
            printer.println("kept the system's data and worker logs in " + system);
        }
        printer.flush();
        return passed ? 0 : EXIT_BELOW_BAR;
    }

    private DemoRecipe recipe() {
        int e = epochs != null ? epochs : fromScratch ? 2 : 0;
        int d = epochsDecay != null ? epochsDecay : fromScratch ? 2 : 1;
        double rate = lr != null ? lr : fromScratch ? DemoRecipe.SCRATCH_LR : DemoRecipe.FINE_TUNE_LR;
        DemoRecipe recipe = new DemoRecipe(e, d, rate, seed, null);
        // As the worker will check it, so that a bad value stops the demo before the system starts.
        try {
            recipe.jobConfig();
        } catch (IllegalArgumentException invalid) {
            throw new ParameterException(spec.commandLine(), invalid.getMessage());
        }
        return recipe;
    }

    private void upload(ClientSettings settings, Path data, PrintWriter printer) {
        int exit = CycleganCli.commandLine().setOut(printer).setErr(spec.commandLine().getErr()).execute("dataset",
                "upload", DemoRecipe.DATASET, data.toString(), "--s3-endpoint", settings.storage().endpoint().toString(),
                "--s3-access-key", settings.storage().accessKey(), "--s3-secret-key", settings.storage().secretKey(),
                "--s3-bucket", settings.storage().bucket());
        if (exit != 0) {
            throw new IllegalStateException("uploading the demo dataset failed (exit code " + exit + ")");
        }
    }

    private TrainingEvent train(CycleganClient client, DemoRecipe recipe, PrintWriter printer) throws IOException {
        DemoRecipe run = fromScratch ? recipe : recipe.withInitFrom(uploadPretrained(client, printer));
        TrainingJob job = new TrainingJob(DemoRecipe.MODEL + "-demo-" + System.currentTimeMillis(), DemoRecipe.MODEL,
                client.datasets().uri(DemoRecipe.DATASET, "trainA"), client.datasets().uri(DemoRecipe.DATASET, "trainB"),
                run.jobConfig());
        EventPosition from = TrainCommand.publish(client, job);
        printer.printf("training job %s: %s, %d + %d epochs, learning rate %s, seed %d%n", job.jobId(),
                fromScratch ? "from scratch" : "fine-tuning the bundled pretrained model", run.epochs(),
                run.epochsDecay(), BigDecimal.valueOf(run.lr()).stripTrailingZeros().toPlainString(), run.seed());
        printer.flush();
        TrainingEvent last = TrainCommand.followUntilEnd(client, job.jobId(), from, printer);
        if (last.state() != TrainingState.COMPLETED) {
            throw new IllegalStateException("training job " + job.jobId() + " ended " + last.state()
                    + (last.error() == null ? "" : ": " + last.error()));
        }
        printer.printf("model %s version %d is published%n", DemoRecipe.MODEL, last.version());
        printer.flush();
        return last;
    }

    /** Puts the bundled network files where the training worker can read them; returns the folder's URI. */
    private String uploadPretrained(CycleganClient client, PrintWriter printer) throws IOException {
        Path folder = home.resolve(PRETRAINED);
        Map<Network, byte[]> networks = new EnumMap<>(Network.class);
        for (Network network : DemoRecipe.NETWORKS) {
            Path file = folder.resolve(network.fileName());
            if (!Files.isRegularFile(file)) {
                throw new IllegalStateException("the bundled pretrained model lacks " + file + "; run with --from-scratch");
            }
            networks.put(network, Files.readAllBytes(file));
        }
        String uri = client.stageWeights(PRETRAINED_NAME, networks);
        printer.println("uploaded the pretrained demo model to " + uri);
        return uri;
    }

    private QualityEvaluation evaluate(CycleganClient client, long version, Path data, PrintWriter printer)
            throws IOException {
        List<NamedImage> testA = TestImages.fromFolder(data.resolve("testA"), DemoRecipe.CHANNELS);
        List<NamedImage> testB = TestImages.fromFolder(data.resolve("testB"), DemoRecipe.CHANNELS);
        RemoteTranslation.Counter counter = new RemoteTranslation.Counter(ProgressLine.of(printer),
                2 * (testA.size() + testB.size()));
        try (FashionMnistClassifier classifier = FashionMnistClassifier.bundled()) {
            RemoteTranslation aToB = new RemoteTranslation(client, DemoRecipe.MODEL, Direction.A_TO_B, version,
                    DemoRecipe.CHANNELS, counter);
            RemoteTranslation bToA = new RemoteTranslation(client, DemoRecipe.MODEL, Direction.B_TO_A, version,
                    DemoRecipe.CHANNELS, counter);
            printer.printf("translating %d + %d test images through Kafka, then back (reconstruction) ...%n",
                    testA.size(), testB.size());
            printer.flush();
            QualityEvaluation evaluation = new QualityEvaluator(aToB, bToA,
                    new DomainClasses(classifier, DemoRecipe.CLASS_A, DemoRecipe.CLASS_B)).evaluate(testA, testB);
            printer.println();
            printer.println("a few outputs, as the inference worker published them (presigned URLs, valid while the "
                    + "demo runs):");
            List<String> urls = new ArrayList<>(aToB.urls().subList(0, Math.min(URLS_SHOWN, aToB.urls().size())));
            urls.addAll(bToA.urls().subList(0, Math.min(URLS_SHOWN, bToA.urls().size())));
            urls.forEach(url -> printer.println("  " + url));
            printer.flush();
            return evaluation;
        }
    }

    private void savePretrained(CycleganClient client, TrainingEvent completed, PrintWriter printer)
            throws IOException {
        S3Uri checkpoint = S3Uri.parse(completed.checkpoint());
        Files.createDirectories(savePretrained);
        for (Network network : DemoRecipe.NETWORKS) {
            Files.write(savePretrained.resolve(network.fileName()),
                    client.fetch(checkpoint.resolve(network.fileName()).toString()));
        }
        printer.println("saved the networks of " + checkpoint + " into " + savePretrained);
        printer.flush();
    }

    private boolean meetsBar(QualityEvaluation evaluation, PrintWriter printer) {
        boolean passed = true;
        for (DirectionReport direction : List.of(evaluation.report().aToB(), evaluation.report().bToA())) {
            double score = direction.classifier().score();
            if (score < minScore) {
                passed = false;
                printer.printf("%s: domain-classifier score %.0f %% is below --min-score %.0f %%%n", direction.direction(),
                        100 * score, 100 * minScore);
            }
        }
        if (passed) {
            printer.printf("both directions reach the domain-classifier bar of %.0f %%%n", 100 * minScore);
        }
        printer.flush();
        return passed;
    }
}
