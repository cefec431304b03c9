package io.github.cyclegan.trainingworker.job;

import io.github.cyclegan.trainingworker.config.WorkerConfig;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * Keeps one job on one worker through rebalances. The jobs channel uses the cooperative sticky assignor, so a
 * rebalance revokes only the partitions that move; when one of them is the running job's, the job stops and writes a
 * checkpoint before this listener returns. Kafka gives a revoked partition to its new owner only after the old owner
 * has completed the revocation, so the new owner resumes from that checkpoint and the job never runs on two workers
 * at once. The partitions this worker owns also let {@link JobConsumer} skip a job fetched before its partition moved.
 */
@ApplicationScoped
@Identifier(JobPartitions.NAME)
public class JobPartitions implements KafkaConsumerRebalanceListener {

    /** The name the jobs channel's {@code consumer-rebalance-listener.name} refers to. */
    public static final String NAME = "training-jobs-rebalance";

    private static final Logger LOG = Logger.getLogger(JobPartitions.class);

    private final Set<Integer> owned = ConcurrentHashMap.newKeySet();

    @Inject
    JobControl control;
    @Inject
    WorkerConfig config;

    /** Whether this worker owns the jobs topic's {@code partition} now. */
    public boolean owns(int partition) {
        return owned.contains(partition);
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        partitions.forEach(p -> owned.add(p.partition()));
        LOG.infof("jobs partitions assigned: %s, owned now: %s", numbers(partitions), owned);
    }

    @Override
    public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        release(partitions, "revoked");
    }

    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        release(partitions, "lost");
    }

    private void release(Collection<TopicPartition> partitions, String how) {
        List<Integer> numbers = numbers(partitions);
        numbers.forEach(owned::remove);
        if (numbers.isEmpty()) {
            return;
        }
        LOG.infof("jobs partitions %s: %s", how, numbers);
        try {
            if (!control.handOver(numbers, config.shutdownGrace())) {
                LOG.warnf("the running job did not stop within %s after its partition was %s", config.shutdownGrace(),
                        how);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static List<Integer> numbers(Collection<TopicPartition> partitions) {
        return partitions.stream().map(TopicPartition::partition).sorted().toList();
    }
}
