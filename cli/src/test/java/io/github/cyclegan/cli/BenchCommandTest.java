package io.github.cyclegan.cli;

import io.github.cyclegan.serving.GeneratorModel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Runs {@code cyclegan bench} in this JVM with a tiny generator so that it takes a second, not minutes. */
class BenchCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = CycleganCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void benchModelPrintsTimingsPerBatchSizeAndTheProcessFacts() {
        int exit = run("bench", "model", "--size", "32", "--ngf", "4", "--warmup", "1", "--runs", "2",
                "--batch-sizes", "1,3", "--threads", "1");

        assertThat(exit).as("exit code; stderr: %s", err).isZero();
        List<String> lines = out.toString().lines().toList();
        assertThat(lines).hasSize(8);
        assertThat(lines.get(0)).isEqualTo("generator inference: resnet_9blocks, ngf 4, 32x32 px, random weights; "
                + "1 warm-up and 2 timed runs per batch size");
        assertThat(lines.get(1)).matches("batch 1: \\d+\\.\\d ms/image \\(median batch \\d+\\.\\d ms, min \\d+\\.\\d, "
                + "max \\d+\\.\\d; CPU \\d+\\.\\d ms/image\\); peak RSS so far \\d+ MiB");
        assertThat(lines.get(2)).startsWith("batch 3: ");
        assertThat(lines.get(3)).matches("peak RSS: \\d+ MiB \\(VmHWM of the whole JVM\\)");
        assertThat(lines.get(4)).matches("intra-op threads: 1 \\(inter-op \\d+, \\d+ cores available\\)");
        assertThat(lines.get(5)).matches("allocator: (glibc malloc|jemalloc \\(.*\\))");
        assertThat(lines.get(6)).startsWith("OMP_WAIT_POLICY: ");
        assertThat(lines.get(7)).matches("CPU: .+; flags .+");
    }

    @Test
    void benchCheckpointWritesACheckpointAndReadsItBackWithTheHeapFigures(@TempDir Path dir) {
        int exit = run("bench", "checkpoint", "--size", "16", "--ngf", "4", "--ndf", "4", "--pool", "2",
                "--out", dir.toString(), "--resume", "--threads", "1");

        assertThat(exit).as("exit code; stderr: %s", err).isZero();
        List<String> lines = out.toString().lines().toList();
        assertThat(lines.get(0)).isEqualTo("checkpoint: resnet_9blocks ngf 4, basic D ndf 4, random weights, pools of 2 "
                + "random 16 px images each, to " + dir);
        assertThat(lines.get(1)).matches("wrote 11 files, \\d+ bytes \\(\\d+\\.\\d MiB\\) in \\d+\\.\\d s");
        assertThat(lines.get(2)).matches("heap in use before writing: \\d+ MiB \\(after a full GC\\); max heap \\d+ MiB");
        assertThat(lines.get(3)).matches("peak heap while writing: \\d+ MiB \\(sum of the heap pools' peaks: .+\\)");
        assertThat(lines.get(4)).matches("allocated by the writing thread: \\d+ MiB");
        assertThat(lines.get(5)).matches("collections while writing: \\d+ \\(.+\\), \\d+ ms");
        assertThat(lines.get(6)).matches("read it back into a fresh model in \\d+\\.\\d s \\(iteration 0\\)");
        assertThat(lines.get(8)).startsWith("peak heap while reading: ");
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("CPU: "));
        assertThat(dir.resolve("G_A.safetensors")).isRegularFile();
        assertThat(dir.resolve("progress.json")).isRegularFile();
    }

    @Test
    void benchCheckpointNeedsAFolderToReadBackFrom() {
        assertThat(run("bench", "checkpoint", "--resume")).isEqualTo(2);
        assertThat(err.toString()).contains("--resume reads the checkpoint back from --out; give --out");
    }

    @Test
    void benchTrainingPrintsMillisecondsPerIterationForEachPreset() {
        int exit = run("bench", "training", "--presets", "SMALL,LARGE", "--size", "32", "--filters", "4",
                "--warmup", "0", "--runs", "1", "--threads", "1");

        assertThat(exit).as("exit code; stderr: %s", err).isZero();
        List<String> lines = out.toString().lines().toList();
        assertThat(lines.get(0)).isEqualTo("training iterations (batch 1, lsgan, pool 50, identity on); "
                + "0 warm-up and 1 timed per size");
        assertThat(lines.get(1)).matches("small: 32 px, ngf/ndf 4, resnet_6blocks: \\d+ ms/iteration \\(median; "
                + "min \\d+, max \\d+; CPU \\d+ ms\\); peak RSS so far \\d+ MiB");
        assertThat(lines.get(2)).startsWith("large: 32 px, ngf/ndf 4, resnet_9blocks: ");
        assertThat(lines.get(3)).startsWith("peak RSS: ");
    }

    @Test
    void helpListsTheBenchmarksAndHidesTheTestOnlyOptions() {
        assertThat(run("bench", "--help")).isZero();
        assertThat(out.toString()).contains("Usage: cyclegan bench").contains("model").contains("training")
                .contains("inference").contains("checkpoint");

        assertThat(run("bench", "model", "--help")).isZero();
        assertThat(out.toString()).contains("--warmup").contains("--runs").contains("--batch-sizes")
                .doesNotContain("--size").doesNotContain("--ngf");
    }

    @Test
    void rejectsNonPositiveCountsBeforeLoadingAnything() {
        assertThat(run("bench", "model", "--runs", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("--runs must be positive, got 0");
    }

    /** The packaged worker that the reactor built before this module, on a stack of its own, with a tiny generator. */
    @Test
    void benchInferenceTimesThePackagedWorkerEndToEnd() {
        int exit = run("bench", "inference", "--worker-jar", "../inference-worker/target/quarkus-app/quarkus-run.jar",
                "--size", "32", "--ngf", "4", "--requests", "4", "--warmup", "1", "--batch-size", "2",
                "--inference-runs", "1");

        assertThat(exit).as("exit code; stderr: %s", err).isZero();
        List<String> lines = out.toString().lines().toList();
        assertThat(lines.get(0)).isEqualTo("inference pipeline: resnet_9blocks, ngf 4, 32x32 px, random weights; "
                + "worker max-batch-size 2; 1 warm-up and 4 timed requests, all at once");
        assertThat(lines).anySatisfy(l -> assertThat(l).matches("pipeline: \\d+\\.\\d\\d requests/s; latency p50 \\d+ ms, "
                + "p95 \\d+ ms, p99 \\d+ ms \\(max \\d+\\)"));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("pure inference (GeneratorModel, this JVM): batch 1 "));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("pipeline overhead: "));
    }

    @Test
    void benchInferenceSaysHowToBuildAMissingWorker() {
        assertThat(run("bench", "inference", "--worker-jar", "no/such/quarkus-run.jar")).isEqualTo(2);
        assertThat(err.toString()).contains("no inference worker at no/such/quarkus-run.jar: build it with "
                + "mvn -DskipTests install");
    }
}
