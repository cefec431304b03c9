package io.github.cyclegan.trainingworker;

import static org.assertj.core.api.Assertions.assertThat;

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

        Process first = PackagedWorker.start("crash-worker-1", Map.of());
        try {
            TestStack.eventsUntil(job.jobId(), e -> e.state() == TrainingState.CHECKPOINTED);
        } finally {
            first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        Process second = PackagedWorker.start("crash-worker-2", Map.of());
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
}
