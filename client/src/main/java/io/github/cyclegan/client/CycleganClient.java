package io.github.cyclegan.client;

import io.github.cyclegan.messaging.Direction;
import io.github.cyclegan.messaging.InvalidMessageException;
import io.github.cyclegan.messaging.Message;
import io.github.cyclegan.messaging.MessageCodec;
import io.github.cyclegan.messaging.ModelVersion;
import io.github.cyclegan.messaging.OutputOptions;
import io.github.cyclegan.messaging.TrainingEvent;
import io.github.cyclegan.messaging.TrainingJob;
import io.github.cyclegan.messaging.TranslationRequest;
import io.github.cyclegan.messaging.TranslationResult;
import io.github.cyclegan.storage.ObjectStore;
import io.github.cyclegan.storage.S3Uri;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Properties;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Java application's way into the system: translate images, submit training jobs and follow
 * them, list the servable models. Thread-safe; create one per application and close it on
 * shutdown. It holds one Kafka producer, one results consumer thread and an S3 client.
 *
 * <p>The results consumer reads every partition of the results topic from the end offsets at
 * construction time ({@code auto.offset.reset=latest} under a group id of its own, no commits), so
 * each client sees every result published after it started and nothing older. Partitions added to
 * the results topic after construction are not read.
 */
public final class CycleganClient implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CycleganClient.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(30);

    private final ClientSettings settings;
    private final ObjectStore store;
    private final KafkaProducer<String, String> producer;
    private final Map<String, CompletableFuture<TranslationResult>> pending = new ConcurrentHashMap<>();
    private final Thread resultsThread;
    private final KafkaConsumer<String, String> resultsConsumer;
    private volatile boolean closed;

    public CycleganClient(ClientSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.store = new ObjectStore(settings.storage());
        Properties producerProps = new Properties();
        producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.kafkaBootstrapServers());
        producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
        producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        this.producer = new KafkaProducer<>(producerProps, new StringSerializer(), new StringSerializer());
        try {
            this.resultsConsumer = consumer("cyclegan-client-" + UUID.randomUUID(), "latest");
            try {
                List<TopicPartition> partitions = partitions(settings.resultsTopic());
                resultsConsumer.assign(partitions);
                // Resolving the positions now pins "latest" to this moment: a result published after the
                // constructor returns cannot be skipped by a later offset reset.
                partitions.forEach(resultsConsumer::position);
            } catch (RuntimeException e) {
                resultsConsumer.close();
                throw e;
            }
        } catch (RuntimeException e) {
            producer.close();
            throw e;
        }
        this.resultsThread = new Thread(this::consumeResults, "cyclegan-client-results");
        resultsThread.setDaemon(true);
        resultsThread.start();
    }

    /** A client configured by {@link ClientSettings#fromEnvironment()}. */
    public static CycleganClient fromEnvironment() {
        return new CycleganClient(ClientSettings.fromEnvironment());
    }

    public ClientSettings settings() {
        return settings;
    }

    /** {@link #translate(byte[], String, Direction, Long, OutputOptions)} with the latest version and PNG output. */
    public CompletableFuture<TranslationResult> translate(byte[] image, String model, Direction direction) {
        return translate(image, model, direction, null, null);
    }

    /**
     * Uploads {@code image} to {@code inputs/{requestId}}, publishes the request and returns a future
     * of its result. The upload runs on the calling thread (so back-pressure from storage reaches the
     * caller); everything after that is asynchronous.
     *
     * <p>The future completes normally with ERROR results too (check {@link TranslationResult#status()}
     * and {@link TranslationResult#error()}); it completes exceptionally with a {@link TimeoutException}
     * when no result arrives within {@link ClientSettings#translationTimeout()}, and with the cause when
     * the upload or the publish fails. Invalid arguments (a model name outside the message alphabet, a
     * non-positive version) throw {@link IllegalArgumentException} before anything is uploaded.
     *
     * @param version pin an exact model version; null means the latest
     * @param output  output encoding; null means PNG
     */
    public CompletableFuture<TranslationResult> translate(byte[] image, String model, Direction direction, Long version,
            OutputOptions output) {
        ensureOpen();
        Objects.requireNonNull(image, "image");
        String requestId = UUID.randomUUID().toString();
        String key = "inputs/" + requestId;
        TranslationRequest request = new TranslationRequest(Message.CURRENT_SCHEMA_VERSION, requestId, model, direction,
                store.uri(key).toString(), version, output);
        CompletableFuture<TranslationResult> result = new CompletableFuture<>();
        try {
            store.put(key, image, ImageTypes.contentType(image));
            // Registered before the publish: a fast worker's result must find the future waiting.
            pending.put(requestId, result);
            result.orTimeout(settings.translationTimeout().toMillis(), TimeUnit.MILLISECONDS)
                    .whenComplete((r, e) -> pending.remove(requestId));
            producer.send(new ProducerRecord<>(settings.requestsTopic(), request.kafkaKey(), MessageCodec.toJson(request)),
                    (metadata, e) -> {
                        if (e != null) {
                            result.completeExceptionally(e);
                        }
                    });
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
        }
        return result;
    }

    /**
     * Publishes {@code job} keyed by its model (so one model's jobs stay in order) and waits for the
     * broker's acknowledgement.
     *
     * @return the job id, for {@link #trainingEvents(String)}
     */
    public String submitTraining(TrainingJob job) {
        ensureOpen();
        Objects.requireNonNull(job, "job");
        publish(settings.trainingJobsTopic(), job.kafkaKey(), MessageCodec.toJson(job));
        return job.jobId();
    }

    /**
     * The events of one training job, oldest first, read from the beginning of the events topic: a
     * blocking stream that waits for each next event and ends after the first event in a final state
     * (COMPLETED, FAILED, CANCELLED). Each call opens a consumer of its own, closed when the stream
     * ends or is closed; use try-with-resources, or a short-circuiting operation such as
     * {@code takeWhile}, to stop early. Consume it on one thread.
     */
    public Stream<TrainingEvent> trainingEvents(String jobId) {
        ensureOpen();
        Objects.requireNonNull(jobId, "jobId");
        KafkaConsumer<String, String> consumer = consumer("cyclegan-client-events-" + UUID.randomUUID(), "earliest");
        try {
            List<TopicPartition> partitions = partitions(settings.trainingEventsTopic());
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
        } catch (RuntimeException e) {
            consumer.close();
            throw e;
        }
        EventIterator events = new EventIterator(consumer, jobId);
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(events, Spliterator.ORDERED | Spliterator.NONNULL),
                false).onClose(events::close);
    }

    /**
     * The latest version of every model, read from the compacted models topic from its beginning up
     * to the end offsets at call time. Versions published during the call may or may not be included.
     */
    public Map<String, ModelVersion> models() {
        ensureOpen();
        Map<String, ModelVersion> latest = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = consumer("cyclegan-client-models-" + UUID.randomUUID(), "earliest")) {
            List<TopicPartition> partitions = partitions(settings.modelsTopic());
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, METADATA_TIMEOUT);
            long deadline = System.nanoTime() + METADATA_TIMEOUT.toNanos();
            while (!reached(consumer, end)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read topic " + settings.modelsTopic() + " to its end within "
                            + METADATA_TIMEOUT);
                }
                for (ConsumerRecord<String, String> record : consumer.poll(POLL)) {
                    if (record.value() == null) {
                        // A tombstone: the model was removed.
                        latest.remove(record.key());
                        continue;
                    }
                    ModelVersion version = parse(record, ModelVersion.class);
                    if (version != null) {
                        latest.merge(version.model(), version, (a, b) -> b.version() >= a.version() ? b : a);
                    }
                }
            }
        }
        return Map.copyOf(latest);
    }

    /** The output image of an OK result. */
    public byte[] download(TranslationResult result) {
        ensureOpen();
        Objects.requireNonNull(result, "result");
        if (result.status() != TranslationResult.Status.OK) {
            throw new IllegalArgumentException("result " + result.requestId() + " has no output: " + result.error());
        }
        return store.get(store.keyOf(S3Uri.parse(result.output())));
    }

    /**
     * Stops the results thread and closes the Kafka clients; translations still waiting fail with
     * an {@link IllegalStateException}.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        resultsConsumer.wakeup();
        try {
            resultsThread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(30));
        IllegalStateException closing = new IllegalStateException("CycleganClient closed before the result arrived");
        pending.values().forEach(f -> f.completeExceptionally(closing));
    }

    private void consumeResults() {
        try (resultsConsumer) {
            while (!closed) {
                for (ConsumerRecord<String, String> record : resultsConsumer.poll(POLL)) {
                    // Other clients' results share the topic; skip them before parsing.
                    CompletableFuture<TranslationResult> future = record.key() == null ? null : pending.get(record.key());
                    if (future == null) {
                        continue;
                    }
                    TranslationResult result = parse(record, TranslationResult.class);
                    if (result != null) {
                        future.complete(result);
                    }
                }
            }
        } catch (WakeupException e) {
            if (!closed) {
                LOG.error("results consumer woken up unexpectedly", e);
            }
        } catch (RuntimeException e) {
            LOG.error("results consumer failed; pending translations will time out", e);
        }
    }

    private void publish(String topic, String key, String json) {
        try {
            producer.send(new ProducerRecord<>(topic, key, json)).get(METADATA_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing to " + topic, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not publish to " + topic + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("no acknowledgement from " + topic + " within " + METADATA_TIMEOUT, e);
        }
    }

    private KafkaConsumer<String, String> consumer(String groupId, String offsetReset) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.kafkaBootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, offsetReset);
        // Every client reads whole topics by assignment and keeps no offsets on the broker.
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
    }

    /**
     * The topic's partitions, asked through the producer: its metadata request creates a missing topic
     * where the broker allows auto-creation (as the first publish to it would), while a consumer's does
     * not, and a client started before any worker must still find the results topic.
     */
    private List<TopicPartition> partitions(String topic) {
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

    private static boolean reached(KafkaConsumer<String, String> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    private static <T> T parse(ConsumerRecord<String, String> record, Class<T> type) {
        try {
            return MessageCodec.fromJson(record.value(), type);
        } catch (InvalidMessageException e) {
            // A malformed record must not stop the client; the producer's own logs own the error.
            LOG.warn("skipping malformed {} at {}-{}@{}: {}", type.getSimpleName(), record.topic(), record.partition(),
                    record.offset(), e.getMessage());
            return null;
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("CycleganClient is closed");
        }
    }

    /** Polls the events topic for one job's events until one in a final state has been returned. */
    private static final class EventIterator implements Iterator<TrainingEvent> {
        private final KafkaConsumer<String, String> consumer;
        private final String jobId;
        private final Deque<TrainingEvent> buffered = new ArrayDeque<>();
        private boolean finished;
        private boolean consumerClosed;

        EventIterator(KafkaConsumer<String, String> consumer, String jobId) {
            this.consumer = consumer;
            this.jobId = jobId;
        }

        @Override
        public boolean hasNext() {
            while (buffered.isEmpty() && !finished && !consumerClosed) {
                for (ConsumerRecord<String, String> record : consumer.poll(POLL)) {
                    if (jobId.equals(record.key())) {
                        TrainingEvent event = parse(record, TrainingEvent.class);
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
                // Events after a final one (a duplicate from a retried publish) are not part of the job's life.
                finished = true;
                buffered.clear();
                close();
            }
            return event;
        }

        void close() {
            if (!consumerClosed) {
                consumerClosed = true;
                consumer.close();
            }
        }
    }
}
