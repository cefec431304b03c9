package io.github.cyclegan.trainingworker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.github.cyclegan.localstack.LocalStack;
import io.github.cyclegan.localstack.SharedLocalStack;
import io.github.cyclegan.messaging.MessageCodec;
import io.github.cyclegan.messaging.TrainingEvent;
import io.github.cyclegan.messaging.TrainingJob;
import io.github.cyclegan.messaging.TrainingState;
import io.github.cyclegan.storage.ObjectStore;

/**
 * The packaged worker as a separate JVM, killed with SIGKILL after its first checkpoint: a second
 * worker gets the unacknowledged job and continues from that checkpoint. Runs after {@code package}.
 */
class CrashResumeIT {

    @Test
    void aKilledWorkersJobResumesFromItsCheckpointOnTheNextWorker() throws Exception {
        ObjectStore store = TestStack.store();
        TestStack.uploadImages(store, "datasets/crash/trainA/", 'A', 4, 16);
        TestStack.uploadImages(store, "datasets/crash/trainB/", 'B', 4, 16);
        Map<String, Object> config = new HashMap<>(TestStack.tinyConfig());
        config.put("nEpochs", 3);
        config.put("nEpochsDecay", 0);
        TrainingJob job = new TrainingJob("crash-1", "crash", "s3://cyclegan/datasets/crash/trainA/",
                "s3://cyclegan/datasets/crash/trainB/", config);
        TestStack.publish("cyclegan.training.jobs", job.kafkaKey(), MessageCodec.toJson(job));

        Process first = startWorker(1);
        try {
            TestStack.eventsUntil(job.jobId(), e -> e.state() == TrainingState.CHECKPOINTED);
        } finally {
            first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        Process second = startWorker(2);
        List<TrainingEvent> events;
        try {
            events = TestStack.eventsUntilFinal(job.jobId());
        } finally {
            second.destroy();
            second.waitFor(60, TimeUnit.SECONDS);
        }

        List<TrainingEvent> starts = events.stream()
                .filter(e -> e.state() == TrainingState.RUNNING && e.losses().isEmpty()).toList();
        assertThat(starts).hasSizeGreaterThanOrEqualTo(2);
        assertThat(starts.get(0).iteration()).isZero();
        assertThat(starts.get(starts.size() - 1).iteration()).isPositive();
        TrainingEvent last = events.get(events.size() - 1);
        assertThat(last.state()).isEqualTo(TrainingState.COMPLETED);
        assertThat(last.iteration()).isEqualTo(12L);
    }

    private static Process startWorker(int n) throws IOException {
        LocalStack stack = SharedLocalStack.get();
        Path target = Path.of("target");
        ProcessBuilder builder = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                "-Djava.io.tmpdir=" + target.resolve("tmp").toAbsolutePath(), "-jar",
                target.resolve("quarkus-app/quarkus-run.jar").toString());
        Map<String, String> env = builder.environment();
        env.putAll(stack.clientEnvironment());
        env.put("CYCLEGAN_TRAINING_EVENT_INTERVAL", "1");
        env.put("QUARKUS_HTTP_PORT", "0");
        // The killed worker's partitions move to the next one only after its session times out (broker minimum 6 s).
        env.put("MP_MESSAGING_INCOMING_JOBS_SESSION_TIMEOUT_MS", "6000");
        env.put("DJL_OFFLINE", "true");
        env.put("OMP_WAIT_POLICY", "PASSIVE");
        builder.redirectErrorStream(true).redirectOutput(target.resolve("crash-worker-" + n + ".log").toFile());
        return builder.start();
    }
}
