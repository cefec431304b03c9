package io.github.cyclegan.client;

import io.github.cyclegan.messaging.Direction;
import io.github.cyclegan.messaging.Message;
import io.github.cyclegan.messaging.MessageCodec;
import io.github.cyclegan.messaging.ModelArchitecture;
import io.github.cyclegan.messaging.ModelVersion;
import io.github.cyclegan.messaging.Network;
import io.github.cyclegan.messaging.OutputOptions;
import io.github.cyclegan.messaging.TrainingControl;
import io.github.cyclegan.messaging.TrainingEvent;
import io.github.cyclegan.messaging.TrainingJob;
import io.github.cyclegan.messaging.TranslationRequest;
import io.github.cyclegan.messaging.TranslationResult;
import io.github.cyclegan.storage.ObjectStore;
import io.github.cyclegan.storage.S3Uri;
import io.github.cyclegan.versions.GeneratorFile;
import io.github.cyclegan.versions.ModelVersions;
import io.github.cyclegan.versions.VersionNotFoundException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * An application's way into the system, and the command line's: translate images, submit training jobs and follow
 * them, manage datasets and model versions. Every Kafka and S3 interaction with the system goes through here.
 * Thread-safe; create one per application and close it on shutdown. It holds one Kafka producer, an S3 client and,
 * from its first translation on, one results consumer thread; training event streams and topic reads open consumers
 * of their own.
 */
public final class CycleganClient implements AutoCloseable {

    /** Where uploaded inputs live. */
    private static final String INPUTS = "inputs/";
    /** Where staged weights live: folders a TrainingJob's {@code initFrom} can name. */
    private static final String STAGED_WEIGHTS = "staged/";

    private final ClientSettings settings;
    private final ObjectStore store;
    private final ModelVersions versions;
    private final KafkaAccess kafka;
    private ResultsListener results;
    private volatile boolean closed;

    public CycleganClient(ClientSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.store = new ObjectStore(settings.storage());
        this.versions = new ModelVersions(store);
        this.kafka = new KafkaAccess(settings.kafkaBootstrapServers());
    }

    /** A client configured by {@link ClientSettings#fromEnvironment()}. */
    public static CycleganClient fromEnvironment() {
        return new CycleganClient(ClientSettings.fromEnvironment());
    }

    /**
     * Asks the broker and the object store once each, within {@code timeout}: a client built against an absent
     * broker would wait for it, while this fails at once with an {@link UnreachableException} naming the address.
     */
    public static void checkReachable(ClientSettings settings, Duration timeout) {
        Reachability.kafka(settings.kafkaBootstrapServers(), timeout);
        Reachability.storage(settings.storage());
    }

    /** {@link #checkReachable} for the object store alone, for work that needs no broker. */
    public static void checkStorageReachable(ClientSettings settings) {
        Reachability.storage(settings.storage());
    }

    public ClientSettings settings() {
        return settings;
    }

    /** {@link #translate(byte[], String, Direction, Long, OutputOptions)} with the latest version and PNG output. */
    public CompletableFuture<TranslationResult> translate(byte[] image, String model, Direction direction) {
        return translate(image, model, direction, null, null);
    }

    /**
     * Uploads {@code image} to {@code inputs/{requestId}}, publishes the request and returns a future of its result.
     * The upload runs on the calling thread (so back-pressure from storage reaches the caller); everything after that
     * is asynchronous.
     *
     * <p>The future completes normally with ERROR results too (check {@link TranslationResult#status()} and
     * {@link TranslationResult#error()}); it completes exceptionally with a {@link TimeoutException} when no result
     * arrives within {@link ClientSettings#translationTimeout()}, and with the cause when the upload or the publish
     * fails. Invalid arguments (a model name outside the message alphabet, a non-positive version) throw
     * {@link IllegalArgumentException} before anything is uploaded.
     *
     * @param version pin an exact model version; null means the latest
     * @param output  output encoding; null means PNG
     */
    public CompletableFuture<TranslationResult> translate(byte[] image, String model, Direction direction, Long version,
            OutputOptions output) {
        ensureOpen();
        Objects.requireNonNull(image, "image");
        String requestId = UUID.randomUUID().toString();
        String input = store.uri(INPUTS + requestId).toString();
        TranslationRequest request = new TranslationRequest(Message.CURRENT_SCHEMA_VERSION, requestId, model, direction,
                input, version, output);
        try {
            store.put(INPUTS + requestId, image, ImageTypes.contentType(image));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return send(request);
    }

    /** Uploads an image once, for {@link #translateStored} to translate as often as needed; returns its URI. */
    public String uploadInput(byte[] image) {
        ensureOpen();
        String key = INPUTS + UUID.randomUUID();
        store.put(key, Objects.requireNonNull(image, "image"), ImageTypes.contentType(image));
        return store.uri(key).toString();
    }

    /**
     * {@link #translate(byte[], String, Direction, Long, OutputOptions)} of an image that is already in the bucket
     * (from {@link #uploadInput}, or put there by the application), under a request id of its own.
     */
    public CompletableFuture<TranslationResult> translateStored(String input, String model, Direction direction,
            Long version, OutputOptions output) {
        ensureOpen();
        return send(new TranslationRequest(Message.CURRENT_SCHEMA_VERSION, UUID.randomUUID().toString(), model,
                direction, input, version, output));
    }

    private CompletableFuture<TranslationResult> send(TranslationRequest request) {
        CompletableFuture<TranslationResult> result = new CompletableFuture<>();
        try {
            results().await(request.requestId(), result);
            result.orTimeout(settings.translationTimeout().toMillis(), TimeUnit.MILLISECONDS);
            kafka.producer().send(new ProducerRecord<>(settings.requestsTopic(), request.kafkaKey(),
                    MessageCodec.toJson(request)), (metadata, e) -> {
                        if (e != null) {
                            result.completeExceptionally(e);
                        }
                    });
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
        }
        return result;
    }

    /** The output image of an OK result. */
    public byte[] download(TranslationResult result) {
        Objects.requireNonNull(result, "result");
        if (result.status() != TranslationResult.Status.OK) {
            throw new IllegalArgumentException("result " + result.requestId() + " has no output: " + result.error());
        }
        return fetch(result.output());
    }

    /**
     * The bytes of an object the system named by {@code s3://} URI (an output, a checkpoint file, a sample grid),
     * refusing URIs outside the configured bucket.
     */
    public byte[] fetch(String s3Uri) {
        ensureOpen();
        return store.get(store.keyOf(S3Uri.parse(s3Uri)));
    }

    /**
     * Publishes {@code job} keyed by its model (so one model's jobs stay in order) and waits for the broker's
     * acknowledgement. Take {@link #trainingEventsEnd()} first to follow this run of it.
     *
     * @return the job id
     */
    public String submitTraining(TrainingJob job) {
        ensureOpen();
        kafka.publish(settings.trainingJobsTopic(), Objects.requireNonNull(job, "job"));
        return job.jobId();
    }

    /**
     * Asks the training workers to cancel the job: the one running it stops before its next iteration, writes a
     * checkpoint and reports CANCELLED; a worker that has it queued cancels it when it starts. Submitting the same job
     * again later resumes it.
     */
    public void cancelTraining(String jobId) {
        ensureOpen();
        kafka.publish(settings.trainingControlTopic(), TrainingControl.cancel(jobId));
    }

    /** Where the training events topic ends now: pass it to {@link #trainingEvents(String, EventPosition)}. */
    public EventPosition trainingEventsEnd() {
        ensureOpen();
        return kafka.end(settings.trainingEventsTopic());
    }

    /** {@link #trainingEvents(String, EventPosition)} from the beginning of the topic: the job's whole history. */
    public Stream<TrainingEvent> trainingEvents(String jobId) {
        return trainingEvents(jobId, EventPosition.BEGINNING);
    }

    /**
     * The events of one training job published after {@code from}, oldest first: a blocking stream that waits for
     * each next event and ends after the first event in a final state (COMPLETED, FAILED, CANCELLED). Each call opens a
     * consumer of its own, closed when the stream ends or is closed; use try-with-resources, or a short-circuiting
     * operation such as {@code takeWhile}, to stop early. Consume it on one thread.
     */
    public Stream<TrainingEvent> trainingEvents(String jobId, EventPosition from) {
        ensureOpen();
        return JobEvents.stream(kafka, settings.trainingEventsTopic(), Objects.requireNonNull(jobId, "jobId"),
                Objects.requireNonNull(from, "from"));
    }

    /** Every training job submitted or reported on, with its latest state, oldest update first. */
    public List<TrainingJobStatus> trainingJobs() {
        ensureOpen();
        return TrainingJobStatus.from(kafka.readAll(settings.trainingJobsTopic()),
                kafka.readAll(settings.trainingEventsTopic()));
    }

    /**
     * The latest version of every model as the compacted models topic has it, read from its beginning up to the end
     * offsets at call time. Versions published during the call may or may not be included.
     */
    public Map<String, ModelVersion> models() {
        ensureOpen();
        Map<String, ModelVersion> latest = new HashMap<>();
        for (ConsumerRecord<String, String> record : kafka.readAll(settings.modelsTopic())) {
            if (record.value() == null) {
                // A tombstone: the model was removed.
                latest.remove(record.key());
                continue;
            }
            ModelVersion version = KafkaAccess.parse(record, ModelVersion.class);
            if (version != null) {
                latest.merge(version.model(), version, (a, b) -> b.version() >= a.version() ? b : a);
            }
        }
        return Map.copyOf(latest);
    }

    /** The version storage names as the model's latest, if it has one. */
    public Optional<ModelVersion> latestVersion(String model) {
        ensureOpen();
        return versions.latest(model);
    }

    /** Whether {@code model} has a version, in storage or on the models topic. */
    public boolean modelExists(String model) {
        return versions.latest(model).isPresent() || models().containsKey(model);
    }

    /** Every version storage records of {@code model}, or of every model when it is null, by model and version. */
    public List<ModelVersion> modelVersions(String model) {
        ensureOpen();
        return versions.list(model);
    }

    /**
     * One version of a model, or its latest one when {@code version} is null.
     *
     * @throws VersionNotFoundException naming the model or version that does not exist
     */
    public ModelVersion modelVersion(String model, Long version) {
        ensureOpen();
        return versions.resolve(model, version);
    }

    /** The safetensors weights of one generator of a version. */
    public byte[] downloadGenerator(ModelVersion version, Direction direction) {
        String uri = version.generators().get(direction);
        if (uri == null) {
            throw new IllegalArgumentException("model " + version.model() + " version " + version.version() + " has no "
                    + direction + " generator (it has " + version.generators().keySet() + ")");
        }
        return fetch(uri);
    }

    /**
     * Stores {@code generators} as the model's next version, makes it the latest and announces it on the models topic:
     * the inference workers serve it from then on. Weight files must load strictly into {@code architecture}; the
     * caller checks that before (the engine is not part of this client).
     */
    public ModelVersion publishVersion(String model, ModelArchitecture architecture,
            Map<Direction, GeneratorFile> generators) {
        ensureOpen();
        ModelVersion published = versions.publish(model, null, architecture, generators);
        kafka.publish(settings.modelsTopic(), published);
        return published;
    }

    /**
     * Uploads network weights (safetensors with the reference's state-dict names: {@link Network#G_A} and
     * {@link Network#G_B}, optionally {@link Network#D_A} and {@link Network#D_B}) into a folder of their own and
     * returns its {@code s3://} URI, for a TrainingJob's {@code initFrom}.
     */
    public String stageWeights(String name, Map<Network, byte[]> networks) {
        ensureOpen();
        String folder = STAGED_WEIGHTS + name + "/";
        networks.forEach((network, weights) -> store.put(folder + network.fileName(), weights,
                ImageTypes.OCTET_STREAM));
        return store.uri(folder).toString();
    }

    /** The training image sets in the bucket. */
    public Datasets datasets() {
        ensureOpen();
        return new Datasets(store);
    }

    /**
     * Stops the results thread and closes the Kafka clients; translations still waiting fail with an
     * {@link IllegalStateException}.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        synchronized (this) {
            if (results != null) {
                results.close();
            }
        }
        kafka.close();
    }

    /**
     * The results listener, started by the first translation: a client that only trains, lists or uploads needs no
     * broker until it publishes, and its results position is still taken before its first request goes out.
     */
    private synchronized ResultsListener results() {
        if (results == null) {
            results = new ResultsListener(kafka, settings.resultsTopic());
        }
        return results;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("CycleganClient is closed");
        }
    }
}
