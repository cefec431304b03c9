package io.github.cyclegan.trainingworker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.github.cyclegan.messaging.MessageCodec;
import io.github.cyclegan.messaging.TrainingEvent;
import io.github.cyclegan.messaging.TrainingJob;
import io.github.cyclegan.messaging.TrainingState;
import io.github.cyclegan.storage.ObjectStore;
import io.github.cyclegan.storage.S3Uri;

/**
 * The packaged worker as a separate JVM, stopped with SIGTERM mid-job: it checkpoints where it
 * stopped, publishes no final event, leaves the job unacknowledged and exits within its grace
 * period; the next worker gets the job again and finishes it from that checkpoint. Runs after
 * {@code package}.
 */
class GracefulShutdownIT {

    private static final Duration GRACE = Duration.ofSeconds(20);

    @Test
    void aStoppedWorkersJobIsCheckpointedLeftUnacknowledgedAndResumedByTheNextWorker() throws Exception {
        ObjectStore store = TestStack.store();
        TestStack.uploadImages(store, "datasets/shutdown/trainA/", 'A', 12, 16);
        TestStack.uploadImages(store, "datasets/shutdown/trainB/", 'B', 12, 16);
        Map<String, Object> config = new HashMap<>(TestStack.tinyConfig());
        // 36 iterations, far more than run before the SIGTERM lands; interval checkpoints off, so the
        // only checkpoints are epoch ends (every 12 iterations) and the one written on shutdown.
        config.put("nEpochs", 3);
        config.put("nEpochsDecay", 0);
        config.put("checkpointInterval", 0);
        TrainingJob job = new TrainingJob("shutdown-1", "shutdown", "s3://cyclegan/datasets/shutdown/trainA/",
                "s3://cyclegan/datasets/shutdown/trainB/", config);
        TestStack.publish("cyclegan.training.jobs", job.kafkaKey(), MessageCodec.toJson(job));
        Map<String, String> env = Map.of("CYCLEGAN_TRAINING_SHUTDOWN_GRACE", GRACE.toString());

        Process first = PackagedWorker.start("shutdown-worker-1", env);
        long exitMillis;
        try {
            TestStack.eventsUntil(job.jobId(), e -> e.state() == TrainingState.RUNNING && e.iteration() > 1);
            long signalled = System.nanoTime();
            first.destroy();
            assertThat(first.waitFor(GRACE.toSeconds(), TimeUnit.SECONDS)).as("worker exits within the grace period").isTrue();
            exitMillis = (System.nanoTime() - signalled) / 1_000_000;
        } finally {
            first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }

        List<TrainingEvent> beforeRestart = TestStack.eventsSoFar(job.jobId());
        assertThat(beforeRestart).as("no final event: the job stays open").noneMatch(e -> e.state().isFinal());
        long stoppedAt = beforeRestart.stream().filter(e -> e.state() == TrainingState.RUNNING)
                .mapToLong(TrainingEvent::iteration).max().orElseThrow();
        TrainingEvent last = beforeRestart.get(beforeRestart.size() - 1);
        assertThat(last.state()).as("the last event is the shutdown checkpoint").isEqualTo(TrainingState.CHECKPOINTED);
        assertThat(last.iteration()).isEqualTo(stoppedAt).isLessThan(36L);
        assertThat(last.checkpoint()).isEqualTo(String.format("s3://cyclegan/models/shutdown/checkpoints/%09d/", stoppedAt));
        assertThat(store.exists(store.keyOf(S3Uri.parse(last.checkpoint())) + "progress.json")).isTrue();
        assertThat(PackagedWorker.logText("shutdown-worker-1")).contains("stopped for shutdown at iteration " + stoppedAt);

        Process second = PackagedWorker.start("shutdown-worker-2", env);
        List<TrainingEvent> events;
        try {
            events = TestStack.eventsUntilFinal(job.jobId());
        } finally {
            second.destroy();
            second.waitFor(GRACE.toSeconds() + 10, TimeUnit.SECONDS);
        }
        List<TrainingEvent> starts = events.stream()
                .filter(e -> e.state() == TrainingState.RUNNING && e.losses().isEmpty()).toList();
        assertThat(starts).extracting(TrainingEvent::iteration).containsExactly(0L, stoppedAt);
        TrainingEvent end = events.get(events.size() - 1);
        assertThat(end.state()).isEqualTo(TrainingState.COMPLETED);
        assertThat(end.iteration()).isEqualTo(36L);
        System.out.printf("GracefulShutdownIT: stopped at iteration %d, worker exited %d ms after SIGTERM%n", stoppedAt,
                exitMillis);
    }
}
