package io.github.cyclegan.client;

import io.github.cyclegan.messaging.InvalidMessageException;
import io.github.cyclegan.messaging.Message;
import io.github.cyclegan.messaging.MessageCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client's Kafka plumbing, in one place: one producer (acks=all, idempotent, so an acknowledged record survives
 * a leader failover and a retried send is not duplicated), and consumers that assign partitions themselves and keep no
 * offsets on the broker, because a client reads topics and never takes work from a worker.
 */
final class KafkaAccess implements AutoCloseable {

    static final Duration POLL = Duration.ofMillis(200);
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(KafkaAccess.class);

    private final String bootstrapServers;
    private final KafkaProducer<String, String> producer;

    KafkaAccess(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        this.producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    KafkaProducer<String, String> producer() {
        return producer;
    }

    /** Publishes {@code message} under its own key and waits for the broker's acknowledgement. */
    void publish(String topic, Message message) {
        try {
            producer.send(new ProducerRecord<>(topic, message.kafkaKey(), MessageCodec.toJson(message)))
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing to " + topic, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not publish to " + topic + ": " + e.getCause().getMessage(),
                    e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("no acknowledgement from " + topic + " within " + TIMEOUT, e);
        }
    }

    /** A consumer without committed offsets; {@code earliest} decides where a partition without a seek starts. */
    KafkaConsumer<String, String> consumer(boolean earliest) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "cyclegan-client-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, earliest ? "earliest" : "latest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
    }

    /**
     * The topic's partitions, asked through the producer: its metadata request creates a missing topic where the
     * broker allows auto-creation (as the first publish to it would), while a consumer's does not, and a client
     * started before any worker must still find the topics it reads.
     */
    List<TopicPartition> partitions(String topic) {
        List<PartitionInfo> infos;
        try {
            infos = producer.partitionsFor(topic);
        } catch (KafkaException e) {
            throw new IllegalStateException("Kafka topic " + topic + " is not available: " + e.getMessage(), e);
        }
        if (infos == null || infos.isEmpty()) {
            throw new IllegalStateException("Kafka topic " + topic + " does not exist");
        }
        List<TopicPartition> partitions = new ArrayList<>();
        infos.forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
        return partitions;
    }

    /** Where {@code topic} ends now: a reader that starts there sees exactly what is published after this call. */
    EventPosition end(String topic) {
        try (KafkaConsumer<String, String> consumer = consumer(true)) {
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions(topic), TIMEOUT);
            return EventPosition.of(end);
        }
    }

    /** Every record of {@code topic} from its beginning to its end as of this call, in order per partition. */
    List<ConsumerRecord<String, String>> readAll(String topic) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer(true)) {
            List<TopicPartition> partitions = partitions(topic);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (!end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read topic " + topic + " to its end within " + TIMEOUT);
                }
                consumer.poll(POLL).forEach(records::add);
            }
        }
        return records;
    }

    /**
     * The record as a message, or null for a tombstone or a record that is not a valid message: those belong to
     * whoever wrote them, and must not stop a reader.
     */
    static <T> T parse(ConsumerRecord<String, String> record, Class<T> type) {
        if (record.value() == null) {
            return null;
        }
        try {
            return MessageCodec.fromJson(record.value(), type);
        } catch (InvalidMessageException e) {
            LOG.warn("skipping malformed {} at {}-{}@{}: {}", type.getSimpleName(), record.topic(), record.partition(),
                    record.offset(), e.getMessage());
            return null;
        }
    }

    @Override
    public void close() {
        producer.close(TIMEOUT);
    }
}
