package io.github.cyclegan.client;

import io.github.cyclegan.messaging.TranslationResult;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One thread that reads every partition of the results topic from the end offsets at construction time, and completes
 * the future of each result a caller of this client waits for. Each client thus sees every result published after
 * it started and nothing older. Partitions added to the results topic later are not read.
 */
final class ResultsListener implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ResultsListener.class);

    private final Map<String, CompletableFuture<TranslationResult>> pending = new ConcurrentHashMap<>();
    private final KafkaConsumer<String, String> consumer;
    private final Thread thread;
    private volatile boolean closed;
    private volatile RuntimeException failure;

    ResultsListener(KafkaAccess kafka, String topic) {
        this.consumer = kafka.consumer(false);
        try {
            List<TopicPartition> partitions = kafka.partitions(topic);
            consumer.assign(partitions);
            // Resolving the positions now pins "latest" to this moment: a result published after the constructor
            // returns cannot be skipped by a later offset reset.
            partitions.forEach(consumer::position);
        } catch (RuntimeException e) {
            consumer.close();
            throw e;
        }
        this.thread = new Thread(this::run, "cyclegan-client-results");
        thread.setDaemon(true);
        thread.start();
    }

    /** Registers the future of {@code requestId} before its request is published, so a fast result finds it. */
    void await(String requestId, CompletableFuture<TranslationResult> result) {
        RuntimeException failed = failure;
        if (failed != null) {
            result.completeExceptionally(failed);
            return;
        }
        pending.put(requestId, result);
        result.whenComplete((r, e) -> pending.remove(requestId));
    }

    private void run() {
        try (consumer) {
            while (!closed) {
                for (ConsumerRecord<String, String> record : consumer.poll(KafkaAccess.POLL)) {
                    // Other clients' results share the topic; skip them before parsing.
                    CompletableFuture<TranslationResult> future = record.key() == null ? null : pending.get(record.key());
                    if (future == null) {
                        continue;
                    }
                    TranslationResult result = KafkaAccess.parse(record, TranslationResult.class);
                    if (result != null) {
                        future.complete(result);
                    }
                }
            }
        } catch (WakeupException e) {
            if (!closed) {
                failAll(new IllegalStateException("results consumer woken up unexpectedly", e));
            }
        } catch (RuntimeException e) {
            // A record this client cannot read (a compression codec it lacks, say) would fail every later poll too:
            // tell every waiting caller now rather than let them time out.
            LOG.error("results consumer failed; translations waiting and to come fail with its error", e);
            failAll(new IllegalStateException("the results consumer failed: " + e, e));
        }
    }

    private void failAll(RuntimeException cause) {
        failure = cause;
        pending.values().forEach(f -> f.completeExceptionally(cause));
    }

    /** Stops the thread; translations still waiting fail with an {@link IllegalStateException}. */
    @Override
    public void close() {
        closed = true;
        consumer.wakeup();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        failAll(new IllegalStateException("CycleganClient closed before the result arrived"));
    }
}
