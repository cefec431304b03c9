package io.github.cyclegan.trainingworker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.cyclegan.localstack.LocalStack;
import io.github.cyclegan.localstack.LocalStackTestResource;
import io.github.cyclegan.localstack.SharedLocalStack;
import io.github.cyclegan.messaging.MessageCodec;
import io.github.cyclegan.messaging.TrainingEvent;
import io.github.cyclegan.messaging.TrainingJob;
import io.github.cyclegan.messaging.TrainingState;
import io.github.cyclegan.storage.ObjectStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The S3 server stopped while a job trains, through its checkpoints and sample grids: the job waits the outage out and
 * resumes from its last complete checkpoint once storage is back, and ends COMPLETED, never FAILED.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class StorageOutageTest {

    private final LocalStack stack = SharedLocalStack.get();
    private final ObjectStore store = TestStack.store();

    @Inject
    MeterRegistry registry;

    @AfterEach
    void heal() {
        stack.heal();
    }

    @Test
    void aJobWhoseStorageGoesAwayResumesAndCompletes() {
        TestStack.uploadImages(store, "datasets/outage/trainA/", 'A', 4, 16);
        TestStack.uploadImages(store, "datasets/outage/trainB/", 'B', 4, 16);
        Map<String, Object> config = new HashMap<>(TestStack.tinyConfig());
        config.put("nEpochs", 3);
        config.put("nEpochsDecay", 0);
        TrainingJob job = new TrainingJob("outage-1", "outage", "s3://cyclegan/datasets/outage/trainA/",
                "s3://cyclegan/datasets/outage/trainB/", config);
        double outagesBefore = outages();

        TestStack.publish("cyclegan.training.jobs", job.kafkaKey(), MessageCodec.toJson(job));
        TestStack.eventsUntil(job.jobId(), e -> e.state() == TrainingState.CHECKPOINTED);
        stack.stopS3();
        await("the job to stop for the outage").atMost(Duration.ofMinutes(2)).until(() -> outages() > outagesBefore);
        stack.startS3();
        List<TrainingEvent> events = TestStack.eventsUntilFinal(job.jobId());

        assertThat(events).noneMatch(e -> e.state() == TrainingState.FAILED);
        TrainingEvent end = events.get(events.size() - 1);
        assertThat(end.state()).isEqualTo(TrainingState.COMPLETED);
        assertThat(end.iteration()).isEqualTo(12L);
        List<Long> starts = events.stream().filter(e -> e.state() == TrainingState.RUNNING && e.losses().isEmpty())
                .map(TrainingEvent::iteration).toList();
        assertThat(starts).as("the run's start, then its resumption after the outage").hasSizeGreaterThanOrEqualTo(2)
                .startsWith(0L);
        assertThat(starts.get(starts.size() - 1)).as("resumed from a checkpoint").isPositive();
    }

    private double outages() {
        return registry.counter("cyclegan.training.outages").count();
    }
}
