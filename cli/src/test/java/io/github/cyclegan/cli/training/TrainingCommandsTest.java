package io.github.cyclegan.cli.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.cyclegan.cli.CliSystem;
import io.github.cyclegan.cli.DemoImages;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train}, {@code jobs} and {@code cancel} against the shared system's real training worker, with a network
 * and images small enough that a job takes seconds.
 */
class TrainingCommandsTest {

    private static final String DATASET = "train-shoes";

    @BeforeAll
    static void uploadDataset(@TempDir Path tmp) {
        CliSystem.Result upload = CliSystem.get().run("dataset", "upload", DATASET, DemoImages.layout(tmp, 4, 0)
                .toString());
        assertThat(upload.exit()).as(upload.err()).isZero();
    }

    /** {@code train} with a tiny ResNet and PatchGAN on 16x16 crops of the 28x28 demo images: 4 iterations an epoch. */
    private static CliSystem.Result train(String model, String... more) {
        List<String> args = new ArrayList<>(List.of("train", "--model", model, "--dataset", DATASET,
                "--net-g", "resnet_6blocks", "--ngf", "4", "--ndf", "4", "--load-size", "16", "--crop-size", "16",
                "--n-epochs-decay", "0", "--config", "netD=n_layers", "--config", "nLayersD=1", "--config", "poolSize=2"));
        args.addAll(Arrays.asList(more));
        return CliSystem.get().run(args.toArray(String[]::new));
    }

    @Test
    void followsATinyJobToCompletedThenJobsAndModelsShowIt() {
        CliSystem.Result result = train("tiny", "--n-epochs", "1", "--job-id", "tiny-1", "--follow");

        assertThat(result.exit()).as(result.out() + result.err()).isZero();
        List<String> lines = result.lines();
        assertThat(lines.get(0)).isEqualTo("submitted job tiny-1 (model tiny, dataset " + DATASET + ")");
        assertThat(lines).contains("accepted by a training worker", "starting at iteration 0 of 4");
        assertThat(lines).anySatisfy(l -> assertThat(l).matches("epoch 1  iteration 1/4 \\[#####-{15}]  25%  "
                + "G \\d+\\.\\d{3}/\\d+\\.\\d{3} D \\d+\\.\\d{3}/\\d+\\.\\d{3} cycle \\d+\\.\\d{3}/\\d+\\.\\d{3} "
                + "idt \\d+\\.\\d{3}/\\d+\\.\\d{3}  \\d+\\.\\d img/s  ETA \\S.*"));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("epoch 1  iteration 4/4 [####################] 100%"));
        assertThat(lines).anySatisfy(l -> assertThat(l).matches("checkpoint at iteration 4: "
                + "s3://cyclegan/models/tiny/checkpoints/000000004/"));
        assertThat(lines.get(lines.size() - 1)).isEqualTo("COMPLETED at iteration 4: model tiny version 1");

        CliSystem.Result jobs = CliSystem.get().run("jobs", "--model", "tiny");
        assertThat(jobs.exit()).isZero();
        assertThat(jobs.lines().get(0)).matches("JOB +MODEL +STATE +PROGRESS +UPDATED");
        assertThat(jobs.lines()).anySatisfy(l -> assertThat(l).matches(
                "tiny-1 +tiny +COMPLETED +4/4 \\(100%\\) +\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d"));

        CliSystem.Result models = CliSystem.get().run("models", "tiny");
        assertThat(models.exit()).as(models.err()).isZero();
        assertThat(models.lines()).anySatisfy(l -> assertThat(l).matches("tiny +1 +\\d{4}-\\d\\d-\\d\\d \\S+ +"
                + "resnet_6blocks \\(ngf 4, norm instance, 3->3 channels\\) +AtoB,BtoA +tiny-1"));
    }

    /** A config the command line cannot check: whether initFrom holds weights is for the worker to find out. */
    @Test
    void aFailedJobEndsWithExitCodeOneAndTheWorkersReason() {
        String notWeights = "s3://cyclegan/datasets/" + DATASET + "/trainA/";
        CliSystem.Result result = train("broken", "--n-epochs", "1", "--job-id", "broken-1", "--init-from", notWeights,
                "--follow");

        assertThat(result.exit()).as(result.err()).isEqualTo(1);
        String reason = "config.initFrom " + notWeights + " has no G_A.safetensors";
        assertThat(result.lines()).anySatisfy(l -> assertThat(l).startsWith("FAILED: " + reason));
        assertThat(result.err()).startsWith("job broken-1 FAILED: " + reason);
    }

    @Test
    void cancelStopsARunningJobAndWaitsForCancelled() {
        CliSystem system = CliSystem.get();
        CliSystem.Result submitted = train("long", "--n-epochs", "500", "--job-id", "long-1");
        assertThat(submitted.exit()).as(submitted.err()).isZero();
        assertThat(submitted.lines()).containsExactly("submitted job long-1 (model long, dataset " + DATASET + ")",
                "Follow it with ./cyclegan jobs; cancel it with ./cyclegan cancel long-1");
        awaitState(system, "long-1", "RUNNING");

        CliSystem.Result cancel = system.run("cancel", "long-1", "--wait");

        assertThat(cancel.exit()).as(cancel.out() + cancel.err()).isZero();
        // Each 4-iteration epoch ends with a checkpoint, so a running job's latest event is either.
        assertThat(cancel.lines().get(0)).matches("cancel requested for job long-1 \\((RUNNING|CHECKPOINTED)\\)");
        assertThat(cancel.lines().get(cancel.lines().size() - 1)).matches("CANCELLED at iteration \\d+ \\(checkpoint "
                + "s3://cyclegan/models/long/checkpoints/\\d{9}/\\)");
        assertThat(system.run("jobs").lines()).anySatisfy(l -> assertThat(l).matches("long-1 +long +CANCELLED .*"));

        CliSystem.Result again = system.run("cancel", "long-1");
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.err()).contains("error: job long-1 has already ended: CANCELLED");
    }

    @Test
    void refusesUnknownJobsAndDatasets() {
        CliSystem.Result unknownJob = CliSystem.get().run("cancel", "no-such-job");
        assertThat(unknownJob.exit()).isEqualTo(2);
        assertThat(unknownJob.err()).contains("unknown job no-such-job (see ./cyclegan jobs)");

        CliSystem.Result unknownDataset = CliSystem.get().run("train", "--model", "m", "--dataset", "no-such-dataset");
        assertThat(unknownDataset.exit()).isEqualTo(2);
        assertThat(unknownDataset.err()).contains("no dataset no-such-dataset in bucket cyclegan (nothing under "
                + "datasets/no-such-dataset/trainA/); upload it with ./cyclegan dataset upload no-such-dataset DIR");
    }

    /** Polls {@code jobs} until the job has reported progress in {@code state}. */
    private static void awaitState(CliSystem system, String jobId, String state) {
        String pattern = jobId + " +\\S+ +" + state + " +[1-9]\\d*/.*";
        await("job " + jobId + " reaches " + state).atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                .until(() -> system.run("jobs").lines().stream().anyMatch(l -> l.matches(pattern)));
    }
}
