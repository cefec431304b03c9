package io.github.cyclegan.cli.training;

import io.github.cyclegan.cli.ConnectionOptions;
import io.github.cyclegan.cli.FriendlyErrors;
import io.github.cyclegan.cli.ProgressLine;
import io.github.cyclegan.client.CycleganClient;
import io.github.cyclegan.client.EventPosition;
import io.github.cyclegan.messaging.MessageCodec;
import io.github.cyclegan.messaging.TrainingConfig;
import io.github.cyclegan.messaging.TrainingEvent;
import io.github.cyclegan.messaging.TrainingJob;
import io.github.cyclegan.messaging.TrainingState;
import io.github.cyclegan.storage.DatasetKeys;
import java.io.PrintWriter;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ./cyclegan train}: publishes a TrainingJob for an uploaded dataset and, with --follow, shows its progress. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        modelTransformer = JobConfigOptions.class,
        description = {"Submit a training job for MODEL on an uploaded dataset and print its job id. Each job config "
                + "key has an option (nEpochs: --n-epochs); options left out take the reference's defaults "
                + "(docs/training-worker.md lists every key). Values are checked before anything is sent.",
            "With --follow, show its progress until it ends: exit code 0 when it COMPLETED, 1 when it FAILED or was "
                    + "CANCELLED. Ctrl-C stops following; the job goes on."})
public final class TrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--model", required = true, paramLabel = "NAME", description = "Model to train; versions are "
            + "published under this name.")
    String model;

    @Option(names = "--dataset", required = true, paramLabel = "NAME", description = "Dataset uploaded with "
            + "./cyclegan dataset upload; trains on its trainA/ and trainB/.")
    String dataset;

    @Option(names = "--job-id", paramLabel = "ID", description = "Job id (default: MODEL-yyyyMMdd-HHmmss-xxxx). "
            + "Submitting an existing id with the same settings resumes that job from its last checkpoint.")
    String jobId;

    @Option(names = "--follow", description = "Show progress until the job ends.")
    boolean follow;

    @Option(names = "--config", paramLabel = "KEY=VALUE", description = "Any job config key (camelCase, as in "
            + "docs/training-worker.md) and value, e.g. --config netD=n_layers; the same as the key's own option "
            + "below, which wins over it.")
    Map<String, String> config = new LinkedHashMap<>();

    @Override
    public Integer call() {
        TrainingConfig jobConfig = jobConfig();
        String id = jobId != null ? jobId : model + "-" + LocalDateTime.now().format(
                DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-" + HexFormat.of().toHexDigits(
                (short) ThreadLocalRandom.current().nextInt());
        try (CycleganClient client = connection.connect()) {
            TrainingJob job;
            try {
                job = new TrainingJob(id, model, datasetUri(client, "trainA"), datasetUri(client, "trainB"), jobConfig);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            EventPosition from = publish(client, job);
            PrintWriter out = spec.commandLine().getOut();
            out.println("submitted job " + id + " (model " + model + ", dataset " + dataset + ")");
            out.flush();
            if (!follow) {
                out.println("Follow it with ./cyclegan jobs; cancel it with ./cyclegan cancel " + id);
                out.flush();
                return 0;
            }
            TrainingEvent last = followUntilEnd(client, id, from, out);
            if (last.state() == TrainingState.COMPLETED) {
                return 0;
            }
            spec.commandLine().getErr().println("job " + id + " " + last.state()
                    + (last.error() == null ? "" : ": " + last.error()));
            spec.commandLine().getErr().flush();
            return FriendlyErrors.EXIT_FAILURE;
        }
    }

    /**
     * Publishes {@code job} and returns where the events topic ended just before, where {@link #followUntilEnd}
     * starts: it then sees this run's events and not those of an earlier one.
     */
    public static EventPosition publish(CycleganClient client, TrainingJob job) {
        EventPosition from = client.trainingEventsEnd();
        client.submitTraining(job);
        return from;
    }

    /** Follows the job; Ctrl-C ends only the following, which the hook says before the JVM exits. */
    public static TrainingEvent followUntilEnd(CycleganClient client, String id, EventPosition from, PrintWriter out) {
        ProgressLine progress = ProgressLine.of(out);
        Thread interrupted = new Thread(() -> {
            progress.println("stopped following job " + id + "; it goes on (see ./cyclegan jobs, or stop it with "
                    + "./cyclegan cancel " + id + ")");
        }, "stop-following");
        Runtime.getRuntime().addShutdownHook(interrupted);
        try {
            return JobProgress.follow(client, id, from, progress);
        } finally {
            Runtime.getRuntime().removeShutdownHook(interrupted);
        }
    }

    private String datasetUri(CycleganClient client, String folder) {
        if (client.datasets().files(dataset, folder).isEmpty()) {
            throw new ParameterException(spec.commandLine(), "no dataset " + dataset + " in bucket "
                    + client.settings().storage().bucket() + " (nothing under " + DatasetKeys.folder(dataset, folder)
                    + "); upload it with ./cyclegan dataset upload " + dataset + " DIR");
        }
        return client.datasets().uri(dataset, folder);
    }

    /** The job's config from --config and the key options, checked as the worker would: a bad one is a usage error. */
    TrainingConfig jobConfig() {
        Map<String, String> values = new LinkedHashMap<>(config);
        values.putAll(JobConfigOptions.given(spec));
        try {
            return TrainingConfig.parse(values);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
