package io.github.cyclegan.localstack;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The test kit's view of Kafka, shared by every module's tests: publish a record and wait for its acknowledgement,
 * read a topic to its current end, and watch topics in the background to wait for a record with Awaitility. Records
 * are plain strings; callers turn them into messages. A watcher reads from the earliest offset, so it also sees what
 * was published before it started.
 */
public final class TopicWatcher implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);

    private final Map<String, List<ConsumerRecord<String, String>>> records = new ConcurrentHashMap<>();
    private final String bootstrapServers;
    private final Consumer<ConsumerRecord<String, String>> onRecord;
    private final KafkaConsumer<String, String> consumer;
    private final KafkaProducer<String, String> producer;
    private final Thread thread;
    private volatile boolean closed;

    private TopicWatcher(String bootstrapServers, Consumer<ConsumerRecord<String, String>> onRecord,
            List<String> topics) {
        this.bootstrapServers = bootstrapServers;
        this.onRecord = onRecord;
        consumer = new KafkaConsumer<>(consumerProperties(bootstrapServers), new StringDeserializer(),
                new StringDeserializer());
        consumer.subscribe(topics);
        producer = producer(bootstrapServers);
        thread = new Thread(this::run, "topic-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    /** Starts watching {@code topics} from their beginning. */
    public static TopicWatcher watch(String bootstrapServers, String... topics) {
        return new TopicWatcher(bootstrapServers, record -> { }, List.of(topics));
    }

    /**
     * {@link #watch(String, String...)} that also hands every record to {@code onRecord} on the watcher's thread as it
     * arrives, for a test that must look at something (an object in storage, say) at that moment.
     */
    public static TopicWatcher watch(String bootstrapServers, Consumer<ConsumerRecord<String, String>> onRecord,
            String... topics) {
        return new TopicWatcher(bootstrapServers, onRecord, List.of(topics));
    }

    /** Publishes one record and waits for the broker's acknowledgement. */
    public static void publish(String bootstrapServers, String topic, String key, String value) {
        try (KafkaProducer<String, String> producer = producer(bootstrapServers)) {
            send(producer, topic, key, value);
        }
    }

    /** {@link #publish(String, String, String, String)} with this watcher's producer, for tests that publish a lot. */
    public void publish(String topic, String key, String value) {
        send(producer, topic, key, value);
    }

    /** The values of {@code topic}'s records with {@code key} from its beginning to its end as of this call. */
    public List<String> readValues(String topic, String key) {
        return readAll(bootstrapServers, topic).stream().filter(r -> key.equals(r.key())).map(ConsumerRecord::value)
                .toList();
    }

    private static KafkaProducer<String, String> producer(String bootstrapServers) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    private static void send(KafkaProducer<String, String> producer, String topic, String key, String value) {
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot publish to " + topic, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing to " + topic, e);
        }
    }

    /** Every record of {@code topic} from its beginning to its end as of this call (none for a missing topic). */
    public static List<ConsumerRecord<String, String>> readAll(String bootstrapServers, String topic) {
        List<ConsumerRecord<String, String>> all = new ArrayList<>();
        try (KafkaConsumer<String, String> reader = new KafkaConsumer<>(consumerProperties(bootstrapServers),
                new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = reader.partitionsFor(topic, ACK_TIMEOUT).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            if (partitions.isEmpty()) {
                return all;
            }
            reader.assign(partitions);
            reader.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = reader.endOffsets(partitions, ACK_TIMEOUT);
            await().atMost(ACK_TIMEOUT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1)).until(() -> {
                reader.poll(POLL).forEach(all::add);
                return end.entrySet().stream().allMatch(e -> reader.position(e.getKey()) >= e.getValue());
            });
        }
        return all;
    }

    /** The records of {@code topic} seen so far, in arrival order. */
    public List<ConsumerRecord<String, String>> records(String topic) {
        return List.copyOf(records.getOrDefault(topic, List.of()));
    }

    /** The values of the records of {@code topic} with {@code key} seen so far. */
    public List<String> values(String topic, String key) {
        return records(topic).stream().filter(r -> key.equals(r.key())).map(ConsumerRecord::value).toList();
    }

    /** Waits up to {@code timeout} for a record of {@code topic} that {@code wanted} accepts, and returns it. */
    public ConsumerRecord<String, String> awaitRecord(String topic, Duration timeout,
            Predicate<ConsumerRecord<String, String>> wanted) {
        return await("a record on " + topic).atMost(timeout).pollInterval(POLL)
                .until(() -> records(topic).stream().filter(wanted).findFirst(), Optional::isPresent).orElseThrow();
    }

    /** Waits up to {@code timeout} for the first record of {@code topic} with {@code key}, and returns its value. */
    public String awaitValue(String topic, String key, Duration timeout) {
        return awaitRecord(topic, timeout, r -> key.equals(r.key())).value();
    }

    private void run() {
        try {
            while (!closed) {
                for (ConsumerRecord<String, String> record : consumer.poll(POLL)) {
                    onRecord.accept(record);
                    records.computeIfAbsent(record.topic(), t -> new CopyOnWriteArrayList<>()).add(record);
                }
            }
        } catch (WakeupException e) {
            // close() woke the consumer up.
        } finally {
            consumer.close();
        }
    }

    private static Properties consumerProperties(String bootstrapServers) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "topic-watcher-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return props;
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        consumer.wakeup();
        thread.join(ACK_TIMEOUT.toMillis());
        producer.close(ACK_TIMEOUT);
    }
}
