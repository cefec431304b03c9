package io.github.cyclegan.client;

import io.github.cyclegan.messaging.TrainingEvent;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/** Polls the events topic for one job's events until one in a final state has been returned. */
final class JobEvents implements Iterator<TrainingEvent> {

    private final KafkaConsumer<String, String> consumer;
    private final String jobId;
    private final Deque<TrainingEvent> buffered = new ArrayDeque<>();
    private boolean finished;
    private boolean closed;

    private JobEvents(KafkaConsumer<String, String> consumer, String jobId) {
        this.consumer = consumer;
        this.jobId = jobId;
    }

    /** A blocking stream of the job's events after {@code from}; closing it closes its consumer. */
    static Stream<TrainingEvent> stream(KafkaAccess kafka, String topic, String jobId, EventPosition from) {
        KafkaConsumer<String, String> consumer = kafka.consumer(true);
        try {
            List<TopicPartition> partitions = kafka.partitions(topic);
            consumer.assign(partitions);
            partitions.forEach(partition -> consumer.seek(partition, from.offset(partition)));
        } catch (RuntimeException e) {
            consumer.close();
            throw e;
        }
        JobEvents events = new JobEvents(consumer, jobId);
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(events, Spliterator.ORDERED
                | Spliterator.NONNULL), false).onClose(events::close);
    }

    @Override
    public boolean hasNext() {
        while (buffered.isEmpty() && !finished && !closed) {
            for (ConsumerRecord<String, String> record : consumer.poll(KafkaAccess.POLL)) {
                // Other jobs' events share the topic; skip them before parsing.
                if (jobId.equals(record.key())) {
                    TrainingEvent event = KafkaAccess.parse(record, TrainingEvent.class);
                    if (event != null && event.jobId().equals(jobId)) {
                        buffered.add(event);
                    }
                }
            }
        }
        return !buffered.isEmpty();
    }

    @Override
    public TrainingEvent next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        TrainingEvent event = buffered.poll();
        if (event.state().isFinal()) {
            // Events after a final one (a duplicate from a retried publish) are not part of this run.
            finished = true;
            buffered.clear();
            close();
        }
        return event;
    }

    void close() {
        if (!closed) {
            closed = true;
            consumer.close();
        }
    }
}
