package io.github.cyclegan.trainingworker.job;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import org.jboss.logging.Logger;

/**
 * Takes training jobs off the jobs topic one at a time (ordered blocking: the next job starts when
 * this one returns) and acknowledges each only in a final state, so a job whose worker dies or
 * shuts down mid-way is redelivered to another worker. A job from a partition this worker no longer
 * owns (a record fetched before a rebalance moved the partition) is left alone: the new owner runs it.
 */
@ApplicationScoped
public class JobConsumer {

    private static final Logger LOG = Logger.getLogger(JobConsumer.class);

    @Inject
    JobRunner runner;
    @Inject
    @Identifier(JobPartitions.NAME)
    JobPartitions partitions;

    @Incoming("jobs")
    @Blocking
    public CompletionStage<Void> consume(Message<String> job) {
        int partition = job.getMetadata(IncomingKafkaRecordMetadata.class).map(IncomingKafkaRecordMetadata::getPartition)
                .orElse(-1);
        if (partition >= 0 && !partitions.owns(partition)) {
            LOG.infof("skipping a job of partition %d, which this worker no longer owns", partition);
            return CompletableFuture.completedFuture(null);
        }
        return runner.run(job.getPayload(), partition) ? job.ack() : CompletableFuture.completedFuture(null);
    }
}
