package io.github.cyclegan.inferenceworker.models;

import io.github.cyclegan.inferenceworker.config.TopicsConfig;
import io.github.cyclegan.messaging.InvalidMessageException;
import io.github.cyclegan.messaging.MessageCodec;
import io.github.cyclegan.messaging.ModelVersion;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * Reads the compacted models topic from its beginning into the {@link ModelRegistry} for as long as the worker runs.
 * Every worker needs every version, so it assigns all partitions itself instead of joining a consumer group (a group
 * would split the partitions between workers and leave committed offsets behind). It reports when it has read up to
 * the end offsets it found at start, so that requests are not answered MODEL_NOT_FOUND merely because the topic has
 * not been replayed yet. It outlives broker outages: see {@link #run()}.
 */
@ApplicationScoped
public class ModelsTopicReader {
    private static final Logger LOG = Logger.getLogger(ModelsTopicReader.class);

    private static final Duration FIRST_PAUSE = Duration.ofMillis(500);
    private static final Duration MAX_PAUSE = Duration.ofSeconds(30);

    private final CountDownLatch caughtUp = new CountDownLatch(1);
    /** Counted down at shutdown: ends a pause at once, without interrupting a consumer that is closing. */
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile KafkaConsumer<String, String> consumer;
    private volatile boolean running = true;
    private Thread thread;

    @Inject
    ModelRegistry registry;
    @Inject
    TopicsConfig topics;
    /** Every {@code kafka.*} setting (brokers, SASL, TLS), as the messaging channels get them. */
    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    void start(@Observes StartupEvent event) {
        thread = new Thread(this::run, "models-topic-reader");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        stopped.countDown();
        KafkaConsumer<String, String> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * The shared Kafka client settings, so that a broker with SASL or TLS accepts this consumer as it accepts the
     * channels, less the group: this reader assigns partitions itself and commits nothing.
     */
    static Properties consumerProperties(Map<String, Object> kafkaConfig) {
        Properties props = new Properties();
        props.putAll(kafkaConfig);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "cyclegan-inference-models");
        return props;
    }

    /** Whether the topic has been read up to where it ended when the worker started. */
    public boolean isCaughtUp() {
        return caughtUp.getCount() == 0;
    }

    /** Waits until {@link #isCaughtUp()}; false when {@code timeout} passed first. */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Reads until shutdown. A broker that is down at start, or goes away later, costs a reconnect after a growing,
     * jittered pause, never the reader itself: the topic is read again from its beginning into the registry, which
     * keeps what it has (versions only ever add up).
     */
    private void run() {
        long pauseMillis = FIRST_PAUSE.toMillis();
        while (running) {
            try (KafkaConsumer<String, String> c = new KafkaConsumer<>(consumerProperties(kafkaConfig),
                    new StringDeserializer(), new StringDeserializer())) {
                consumer = c;
                Map<TopicPartition, Long> targets = assignFromBeginning(c);
                while (running) {
                    for (ConsumerRecord<String, String> record : c.poll(Duration.ofMillis(500))) {
                        accept(record);
                    }
                    pauseMillis = FIRST_PAUSE.toMillis();
                    if (!isCaughtUp() && targets.entrySet().stream()
                            .allMatch(t -> c.position(t.getKey()) >= t.getValue())) {
                        LOG.infof("models topic %s read up to its end", topics.models());
                        caughtUp.countDown();
                    }
                }
            } catch (WakeupException e) {
                // Shutting down.
            } catch (RuntimeException e) {
                long pause = pauseMillis + ThreadLocalRandom.current().nextLong(pauseMillis / 2 + 1);
                LOG.warnf("the models topic reader lost %s (%s); reading it again in %d ms", topics.models(), e, pause);
                if (!pause(pause)) {
                    return;
                }
                pauseMillis = Math.min(pauseMillis * 2, MAX_PAUSE.toMillis());
            }
        }
    }

    /** False when shutdown ended the pause. */
    private boolean pause(long millis) {
        try {
            return !stopped.await(millis, TimeUnit.MILLISECONDS) && running;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Waits for the topic's partitions (the broker may create the topic on this first look). */
    private Map<TopicPartition, Long> assignFromBeginning(KafkaConsumer<String, String> c) {
        while (running) {
            List<TopicPartition> partitions = c.partitionsFor(topics.models(), Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            if (!partitions.isEmpty()) {
                c.assign(partitions);
                c.seekToBeginning(partitions);
                return c.endOffsets(partitions);
            }
            LOG.infof("waiting for topic %s", topics.models());
            if (!pause(1000)) {
                throw new WakeupException();
            }
        }
        throw new WakeupException();
    }

    private void accept(ConsumerRecord<String, String> record) {
        if (record.value() == null) {
            return; // A tombstone deletes nothing here: versions in use keep serving until the worker restarts.
        }
        try {
            registry.add(MessageCodec.fromJson(record.value(), ModelVersion.class));
        } catch (InvalidMessageException e) {
            LOG.warnf("ignoring an unreadable record at %s-%d@%d: %s", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
        }
    }
}
