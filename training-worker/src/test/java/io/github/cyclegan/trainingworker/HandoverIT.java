package io.github.cyclegan.trainingworker;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cyclegan.localstack.SharedLocalStack;
import io.github.cyclegan.messaging.MessageCodec;
import io.github.cyclegan.messaging.TrainingEvent;
import io.github.cyclegan.messaging.TrainingJob;
import io.github.cyclegan.messaging.TrainingState;
import io.github.cyclegan.storage.ObjectStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

/**
 * Two packaged workers in one group, the second joining while the first trains: the rebalance moves the running job's
 * partition, and the job must never run on two workers at once. The first worker stops it at a checkpoint before the
 * partition moves (JobPartitions), and the second resumes it from there. Every event names the worker that published
 * it, so "never on two workers at once" is read off the events: all of the first worker's, then all of the second's.
 * Runs after {@code package}.
 */
class HandoverIT {

    private static final String TOPIC = "handover.training.jobs";
    private static final int PARTITIONS = 2;
    /**
     * The cooperative sticky assignor keeps the first partitions of a member that must give some up and moves the
     * last: the job goes to the last partition so that the new worker gets it. Should the assignor ever choose
     * otherwise, the test fails at {@code handedOver} rather than passing without a handover.
     */
    private static final int MOVED_PARTITION = PARTITIONS - 1;
    private static final Duration GRACE = Duration.ofSeconds(20);

    @Test
    void aJobWhosePartitionMovesIsStoppedAtACheckpointAndResumedByTheNewOwnerOnly() throws Exception {
        String bootstrap = SharedLocalStack.get().kafkaBootstrapServers();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, PARTITIONS, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        ObjectStore store = TestStack.store();
        TestStack.uploadImages(store, "datasets/handover/trainA/", 'A', 8, 16);
        TestStack.uploadImages(store, "datasets/handover/trainB/", 'B', 8, 16);
        Map<String, Object> config = new HashMap<>(TestStack.tinyConfig());
        // 400 iterations: far longer than the second worker takes to start and join.
        config.put("nEpochs", 50);
        config.put("nEpochsDecay", 0);
        config.put("checkpointInterval", 0);
        String model = modelOnPartition(MOVED_PARTITION);
        TrainingJob job = new TrainingJob("handover-1", model, "s3://cyclegan/datasets/handover/trainA/",
                "s3://cyclegan/datasets/handover/trainB/", config);
        TestStack.publish(TOPIC, job.kafkaKey(), MessageCodec.toJson(job));

        Process first = PackagedWorker.start("handover-worker-1", env("handover-worker-1"));
        Process second = null;
        try {
            TestStack.eventsUntil(job.jobId(), e -> e.state() == TrainingState.RUNNING && e.iteration() != null
                    && e.iteration() > 2);
            second = PackagedWorker.start("handover-worker-2", env("handover-worker-2"));
            List<TrainingEvent> events = TestStack.eventsUntilFinal(job.jobId());

            List<String> workers = new ArrayList<>();
            events.forEach(e -> {
                if (workers.isEmpty() || !workers.get(workers.size() - 1).equals(e.worker())) {
                    workers.add(e.worker());
                }
            });
            assertThat(workers).as("who published the job's events, in turn").containsExactly("handover-worker-1",
                    "handover-worker-2");
            TrainingEvent handedOver = events.stream().filter(e -> e.worker().equals("handover-worker-1"))
                    .reduce((a, b) -> b).orElseThrow();
            assertThat(handedOver.state()).as("the first worker's last event").isEqualTo(TrainingState.CHECKPOINTED);
            TrainingEvent resumed = events.stream().filter(e -> e.worker().equals("handover-worker-2")
                    && e.state() == TrainingState.RUNNING).findFirst().orElseThrow();
            assertThat(resumed.iteration()).as("the second worker resumes at the handover checkpoint")
                    .isEqualTo(handedOver.iteration());
            TrainingEvent end = events.get(events.size() - 1);
            assertThat(end.state()).isEqualTo(TrainingState.COMPLETED);
            assertThat(end.iteration()).isEqualTo(400L);
            assertThat(events).filteredOn(e -> e.state() == TrainingState.COMPLETED).hasSize(1);
            assertThat(PackagedWorker.logText("handover-worker-1")).contains("stopped for a rebalance that moved its "
                    + "partition at iteration " + handedOver.iteration());
            System.out.printf("HandoverIT: handed over at iteration %d%n", handedOver.iteration());
        } finally {
            for (Process worker : new Process[] {first, second}) {
                if (worker != null) {
                    worker.destroy();
                    if (!worker.waitFor(GRACE.toSeconds() + 10, TimeUnit.SECONDS)) {
                        worker.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                    }
                }
            }
        }
    }

    private static Map<String, String> env(String instanceId) {
        return Map.of("CYCLEGAN_TOPICS_TRAINING_JOBS", TOPIC,
                "MP_MESSAGING_INCOMING_JOBS_GROUP_ID", "handover-workers",
                "CYCLEGAN_TRAINING_INSTANCE_ID", instanceId,
                "CYCLEGAN_TRAINING_SHUTDOWN_GRACE", GRACE.toString());
    }

    /** A model name that Kafka's default partitioner puts on {@code partition} (jobs are keyed by model). */
    private static String modelOnPartition(int partition) {
        for (int i = 0; ; i++) {
            String model = "handover-" + i;
            if (Utils.toPositive(Utils.murmur2(model.getBytes(StandardCharsets.UTF_8))) % PARTITIONS == partition) {
                return model;
            }
        }
    }
}
