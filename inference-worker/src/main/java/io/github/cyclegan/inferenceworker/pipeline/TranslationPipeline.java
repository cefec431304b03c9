package io.github.cyclegan.inferenceworker.pipeline;

import io.github.cyclegan.messaging.ErrorCode;

import io.github.cyclegan.image.ChwImage;
import io.github.cyclegan.image.DecodedImage;
import io.github.cyclegan.image.ImageDecodeOptions;
import io.github.cyclegan.image.ImageDecoder;
import io.github.cyclegan.image.ImageEncoder;
import io.github.cyclegan.image.ImageTensors;
import io.github.cyclegan.inferenceworker.config.ServingConfig;
import io.github.cyclegan.inferenceworker.faults.Watchdog;
import io.github.cyclegan.inferenceworker.models.ModelCache;
import io.github.cyclegan.inferenceworker.models.ModelLease;
import io.github.cyclegan.inferenceworker.models.ModelRegistry;
import io.github.cyclegan.messaging.ModelVersion;
import io.github.cyclegan.messaging.OutputOptions;
import io.github.cyclegan.messaging.TranslationRequest;
import io.github.cyclegan.messaging.TranslationResult;
import io.github.cyclegan.storage.InvalidObjectKeyException;
import io.github.cyclegan.storage.ObjectStore;
import io.github.cyclegan.storage.S3Uri;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.awt.image.BufferedImage;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * One request from input URI to result: resolve the model, fetch, decode, translate (batched), encode, store,
 * presign. Storage and codec work runs on the I/O pool, inference on the engine's thread. Every problem of the request
 * itself becomes an ERROR result with a stable code; a transient fault (storage unreachable, hung or overloaded after
 * the object store's own retries) or a shutdown is no answer: the returned future then fails, and the caller waits and
 * tries again or leaves the request for redelivery. Each blocking step runs under the {@link Watchdog}.
 */
@ApplicationScoped
public class TranslationPipeline {
    private static final Logger LOG = Logger.getLogger(TranslationPipeline.class);

    @Inject
    ServingConfig config;
    @Inject
    ObjectStore store;
    @Inject
    ModelRegistry registry;
    @Inject
    ModelCache models;
    @Inject
    InferenceEngine engine;
    @Inject
    Watchdog watchdog;

    private ExecutorService io;
    private ImageDecoder decoder;

    @PostConstruct
    void start() {
        AtomicInteger n = new AtomicInteger();
        io = Executors.newFixedThreadPool(config.ioThreads(), r -> {
            Thread t = new Thread(r, "pipeline-io-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        decoder = new ImageDecoder(new ImageDecodeOptions(config.maxInputBytes(), config.hardMaxPixels(),
                config.formats(), true));
    }

    /**
     * The request's result; fails (only) on a transient fault, see {@link Failures#transientStorageFault}, or when the
     * worker is shutting down.
     *
     * @param waitedMillis how long the request has waited for outages so far (0 on its first try)
     */
    public CompletableFuture<TranslationResult> process(TranslationRequest request, long queueMillis,
            long waitedMillis) {
        Timings timings = new Timings(queueMillis, waitedMillis);
        return CompletableFuture.supplyAsync(() -> prepare(request, timings), io)
                .thenCompose(prepared -> {
                    long start = System.nanoTime();
                    CompletableFuture<ChwImage> translated;
                    try {
                        translated = engine.translate(prepared.lease(), prepared.input());
                    } catch (RuntimeException e) {
                        prepared.lease().close();
                        throw e;
                    }
                    return translated
                            .whenComplete((out, error) -> {
                                prepared.lease().close();
                                timings.record("inference", start);
                            })
                            .thenApplyAsync(output -> finish(request, prepared.version(), output, timings), io);
                })
                .exceptionally(error -> {
                    if (Failures.transientStorageFault(error).isPresent() || Failures.shuttingDown(error)) {
                        throw error instanceof CompletionException completion ? completion
                                : new CompletionException(error);
                    }
                    return failed(request, Failures.of(error), timings);
                });
    }

    private record Prepared(ModelVersion version, ModelLease lease, ChwImage input) {
    }

    private Prepared prepare(TranslationRequest request, Timings timings) {
        String key = inputKey(request.input());
        ModelVersion version = watched(request, "resolve model", () -> registry.resolve(request.model(),
                request.version()));
        if (!version.generators().containsKey(request.direction())) {
            throw new TranslationFailure(ErrorCode.DIRECTION_NOT_AVAILABLE, "model '" + version.model() + "' version "
                    + version.version() + " has no " + request.direction() + " generator");
        }
        byte[] bytes = watched(request, "fetch", () -> timings.time("fetch", () -> store.get(key)));
        DecodedImage decoded = watched(request, "decode", () -> timings.time("decode", () -> decoder.decode(bytes)));
        ModelLease lease = watched(request, "load generator", () -> models.acquire(version, request.direction()));
        try {
            ChwImage input = ImageTensors.toChw(decoded.image(), lease.model().spec().inputNc());
            return new Prepared(version, lease, input);
        } catch (RuntimeException e) {
            lease.close();
            throw e;
        }
    }

    /** The input's key in our bucket: another bucket is refused, and so is a prefix ("folder"). */
    private String inputKey(String input) {
        S3Uri uri = S3Uri.parse(input);
        if (!uri.bucket().equals(store.bucket())) {
            throw new TranslationFailure(ErrorCode.INPUT_OUTSIDE_BUCKET,
                    "input " + input + " is outside the bucket '" + store.bucket() + "'");
        }
        if (uri.isPrefix()) {
            throw new InvalidObjectKeyException("input " + input + " names a prefix, not an object");
        }
        return store.keyOf(uri);
    }

    private TranslationResult finish(TranslationRequest request, ModelVersion version, ChwImage output,
            Timings timings) {
        OutputOptions options = request.output();
        byte[] encoded = watched(request, "encode", () -> timings.time("encode", () -> {
            BufferedImage image = ImageTensors.toImage(output);
            return options.format().equals(OutputOptions.PNG) ? ImageEncoder.png(image)
                    : ImageEncoder.jpeg(image, options.quality() / 100f);
        }));
        String key = config.outputPrefix() + request.requestId() + "." + options.fileExtension();
        String url = watched(request, "store", () -> timings.time("store", () -> {
            store.put(key, encoded, options.contentType());
            return store.presignGet(key);
        }));
        return TranslationResult.ok(request.requestId(), version.model(), version.version(), request.direction(),
                store.uri(key).toString(), url, output.width(), output.height(), timings.finish());
    }

    private <T> T watched(TranslationRequest request, String step, Supplier<T> work) {
        try (Watchdog.Activity activity = watchdog.start(request.requestId(), step)) {
            return work.get();
        }
    }

    private static TranslationResult failed(TranslationRequest request, TranslationFailure failure, Timings timings) {
        if (failure.code() == ErrorCode.INTERNAL || failure.code() == ErrorCode.STORAGE_UNAVAILABLE) {
            // STORAGE_UNAVAILABLE is now only a permanent refusal by storage (access denied, a bad request).
            LOG.errorf(failure, "request %s failed", request.requestId());
        } else {
            LOG.debugf("request %s refused: %s %s", request.requestId(), failure.code(), failure.getMessage());
        }
        return TranslationResult.error(request.requestId(), request.model(), request.direction(),
                failure.code(), Objects.requireNonNullElse(failure.getMessage(), failure.code().name()),
                timings.finish());
    }

    /** After the request drain (priority 10): nothing new arrives, finished work may still be encoding. */
    void stop(@Observes @Priority(1000) ShutdownEvent event) throws InterruptedException {
        io.shutdown();
        io.awaitTermination(30, TimeUnit.SECONDS);
    }
}
