package io.github.cyclegan.inferenceworker.requests;

import io.github.cyclegan.inferenceworker.config.ServingConfig;
import io.github.cyclegan.inferenceworker.faults.Backoff;
import io.github.cyclegan.inferenceworker.faults.StorageOutage;
import io.github.cyclegan.inferenceworker.faults.WaitingRequests;
import io.github.cyclegan.inferenceworker.faults.WaitingRequests.Reason;
import io.github.cyclegan.inferenceworker.metrics.WorkerMetrics;
import io.github.cyclegan.inferenceworker.models.ModelsTopicReader;
import io.github.cyclegan.inferenceworker.pipeline.Failures;
import io.github.cyclegan.inferenceworker.pipeline.TranslationPipeline;
import io.github.cyclegan.messaging.ErrorCode;
import io.github.cyclegan.messaging.InvalidMessageException;
import io.github.cyclegan.messaging.MessageCodec;
import io.github.cyclegan.messaging.TranslationRequest;
import io.github.cyclegan.messaging.TranslationResult;
import io.github.cyclegan.storage.StorageException;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Takes requests from the consumer group and hands them to the pipeline without waiting for their results, so that
 * many requests are in flight and can be batched together. A request is acknowledged only after its result is
 * published; the connector's throttled commit strategy then commits offsets only below the oldest unacknowledged
 * record, so a crash loses nothing (the unanswered requests are redelivered and overwrite the same output key).
 * Messages without a readable requestId cannot be answered and are nacked to the dead-letter topic.
 *
 * <p>Transient faults are never answers. A request whose try met storage unreachable waits, keeping its in-flight
 * permit, until {@link StorageOutage} sees storage answer again, then tries again after a jittered pause; meanwhile
 * this consumer takes no new record (it waits at the storage gate, so the connector stops asking for records and pauses
 * the partitions). A result the broker did not take (the producer gave up after {@code delivery.timeout.ms}) is
 * published again after a growing, jittered pause. Nothing is acknowledged until its result is published; a worker
 * shut down meanwhile leaves the waiting requests unacknowledged, for redelivery. How long all this may last is the
 * outage patience: past it, liveness turns DOWN (see {@code InferenceLivenessCheck}).
 */
@ApplicationScoped
public class RequestConsumer {
    private static final Logger LOG = Logger.getLogger(RequestConsumer.class);
    private static final Duration MAX_RETRY_PAUSE = Duration.ofSeconds(30);
    private static final Duration GATE_CHECK = Duration.ofSeconds(1);

    @Inject
    TranslationPipeline pipeline;
    @Inject
    ResultPublisher publisher;
    @Inject
    InFlight inFlight;
    @Inject
    ModelsTopicReader modelsTopic;
    @Inject
    ServingConfig config;
    @Inject
    StorageOutage storage;
    @Inject
    WaitingRequests waiting;
    @Inject
    WorkerMetrics metrics;

    /** Requests between their try and their answer that wait for an outage: what shutdown gives up. */
    private final Set<Taken> held = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService retries;
    private Backoff backoff;
    /** Whether the consumer thread waits to take a record (at the storage gate or for an in-flight permit). */
    private volatile boolean waitingToTake;

    @PostConstruct
    void init() {
        retries = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "request-retries");
            thread.setDaemon(true);
            return thread;
        });
        Duration first = config.retryBackoff();
        backoff = new Backoff(first, first.compareTo(MAX_RETRY_PAUSE) > 0 ? first : MAX_RETRY_PAUSE,
                () -> ThreadLocalRandom.current().nextDouble());
        metrics.consumptionPaused(() -> waitingToTake && !storage.isAvailable() ? 1 : 0);
        metrics.storageUnavailable(() -> storage.isAvailable() ? 0 : 1);
    }

    @Incoming("requests")
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    @Blocking
    public CompletionStage<Void> consume(Message<String> message) throws InterruptedException {
        long receivedMillis = System.currentTimeMillis();
        awaitModels();
        if (!admit()) {
            // Shutting down: left unacknowledged, so it is redelivered to whichever worker takes the partition.
            return CompletableFuture.completedFuture(null);
        }
        String json = message.getPayload();
        TranslationRequest request;
        try {
            request = MessageCodec.fromJson(json, TranslationRequest.class);
        } catch (InvalidMessageException e) {
            if (e.messageId().isEmpty()) {
                inFlight.leave();
                LOG.warnf("unreadable request sent to the dead-letter topic: %s", e.getMessage());
                return message.nack(e);
            }
            ErrorCode code = InvalidRequests.codeOf(json);
            Taken taken = new Taken(message, null, 0);
            publish(taken, TranslationResult.error(e.messageId().get(), null, null, code, e.getMessage(),
                    Map.of("total", 0L)));
            return CompletableFuture.completedFuture(null);
        }
        long queueMillis = message.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(m -> receivedMillis - m.getTimestamp().toEpochMilli()).orElse(0L);
        attempt(new Taken(message, request, queueMillis));
        return CompletableFuture.completedFuture(null);
    }

    /** One try of the pipeline; a transient fault holds the request until storage answers again. */
    private void attempt(Taken taken) {
        CompletableFuture<TranslationResult> outcome;
        try {
            outcome = pipeline.process(taken.request, taken.queueMillis, taken.waitedMillis());
        } catch (RuntimeException e) {
            outcome = CompletableFuture.failedFuture(e); // a pool that refuses work: shutting down
        }
        outcome.whenComplete((result, error) -> {
            if (error == null) {
                publish(taken, result);
                return;
            }
            Optional<StorageException> storageFault = Failures.transientStorageFault(error);
            if (storageFault.isPresent()) {
                holdForStorage(taken, storageFault.get());
            } else if (Failures.shuttingDown(error) || inFlight.closing()) {
                abandon(taken);
            } else {
                // The pipeline answers every problem of the request itself; this is a bug, and still an answer.
                LOG.errorf(error, "request %s failed outside the pipeline", taken.request.requestId());
                publish(taken, TranslationResult.error(taken.request.requestId(), taken.request.model(),
                        taken.request.direction(), ErrorCode.INTERNAL, "internal error: " + error,
                        Map.of("total", 0L)));
            }
        });
    }

    private void holdForStorage(Taken taken, StorageException cause) {
        metrics.transientFault("storage");
        taken.faults++;
        if (taken.firstFaultNanos == 0) {
            taken.firstFaultNanos = System.nanoTime();
        }
        LOG.debugf("request %s waits for storage (try %d): %s", taken.request.requestId(), taken.faults,
                cause.getMessage());
        storage.failed(cause);
        hold(taken, Reason.STORAGE, taken.firstFaultNanos);
        storage.whenAvailable().thenRun(() -> resumeLater(taken, () -> {
            waiting.resumed(taken);
            attempt(taken);
        }));
    }

    /** Publishes, then acknowledges; a result the broker did not take is published again after a pause. */
    private void publish(Taken taken, TranslationResult result) {
        if (taken.publishStartNanos == 0) {
            taken.publishStartNanos = System.nanoTime();
        }
        publisher.publish(result).whenComplete((ok, error) -> {
            if (error == null) {
                answered(taken, result);
                return;
            }
            metrics.transientFault("broker");
            taken.faults++;
            hold(taken, Reason.BROKER, taken.publishStartNanos);
            LOG.warnf("the broker did not take the result of %s (%s, try %d); publishing it again later, the "
                    + "request stays unacknowledged until then", result.requestId(), error, taken.faults);
            resumeLater(taken, () -> publish(taken, result));
        });
    }

    private void answered(Taken taken, TranslationResult result) {
        waiting.resumed(taken);
        held.remove(taken);
        if (taken.state.getAndSet(State.DONE) == State.DONE) {
            return;
        }
        metrics.request(result.status().name(), result.error() == null ? "none" : result.error().code().name(),
                result.timings());
        inFlight.leave();
        taken.message.ack();
        if (taken.faults > 0) {
            LOG.infof("request %s answered after %d ms of outages (%d tries)", result.requestId(),
                    taken.waitedMillis(), taken.faults + 1);
        }
    }

    private void hold(Taken taken, Reason reason, long sinceNanos) {
        taken.state.set(State.WAITING);
        held.add(taken);
        waiting.waiting(taken, reason, sinceNanos);
        if (inFlight.closing() && taken.state.compareAndSet(State.WAITING, State.RUNNING)) {
            // Shutting down: no point in waiting; the request is redelivered after the restart.
            abandon(taken);
        }
    }

    /** Runs {@code action} after a jittered pause, unless shutdown gave the request up first. */
    private void resumeLater(Taken taken, Runnable action) {
        long pauseMillis = backoff.pause(taken.faults).toMillis();
        try {
            retries.schedule(() -> {
                if (taken.state.compareAndSet(State.WAITING, State.RUNNING)) {
                    held.remove(taken);
                    action.run();
                }
            }, pauseMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException shuttingDown) {
            abandon(taken);
        }
    }

    /** Shutdown: the request is left unacknowledged, for redelivery; its permit is released so the drain can end. */
    private void abandon(Taken taken) {
        State previous = taken.state.getAndSet(State.DONE);
        if (previous == State.DONE) {
            return;
        }
        waiting.resumed(taken);
        held.remove(taken);
        inFlight.leave();
    }

    /** Requests wait for the models topic to be replayed, so a restart does not answer MODEL_NOT_FOUND by mistake. */
    private void awaitModels() throws InterruptedException {
        while (!modelsTopic.awaitCaughtUp(Duration.ofSeconds(10))) {
            LOG.info("waiting for the models topic before taking requests");
        }
    }

    /**
     * Waits for an in-flight permit while storage is available: the storage gate. No record is taken while storage is
     * down, so the connector stops asking for records and pauses the partitions. False when the worker shuts down.
     */
    private boolean admit() throws InterruptedException {
        waitingToTake = true;
        try {
            while (true) {
                if (!awaitStorage() || !inFlight.enter()) {
                    return false;
                }
                if (storage.isAvailable()) {
                    return true;
                }
                // Storage went down while this record waited for a permit: it waits at the gate instead.
                inFlight.leave();
            }
        } finally {
            waitingToTake = false;
        }
    }

    private boolean awaitStorage() throws InterruptedException {
        if (storage.isAvailable()) {
            return true;
        }
        LOG.info("taking requests paused while storage is unreachable");
        while (!storage.awaitAvailable(GATE_CHECK)) {
            if (inFlight.closing()) {
                return false;
            }
        }
        LOG.info("taking requests again");
        return true;
    }

    /** First of the shutdown observers: stop taking requests, give up those waiting for an outage, answer the rest. */
    void drain(@Observes @Priority(10) ShutdownEvent event) throws InterruptedException {
        inFlight.close();
        retries.shutdownNow();
        List<Taken> waitingNow = List.copyOf(held);
        waitingNow.forEach(taken -> {
            if (taken.state.compareAndSet(State.WAITING, State.RUNNING)) {
                abandon(taken);
            }
        });
        if (!waitingNow.isEmpty()) {
            LOG.warnf("shutdown gives up %d requests waiting for an outage; they stay unacknowledged and will be "
                    + "redelivered", waitingNow.size());
        }
        if (!inFlight.drain(config.shutdownDrainTimeout())) {
            LOG.warn("shutdown with requests still in flight; they stay uncommitted and will be redelivered");
        }
    }

    private enum State { RUNNING, WAITING, DONE }

    /** A request taken from Kafka, from its first try to its acknowledgement. */
    private static final class Taken {
        final Message<String> message;
        final TranslationRequest request;
        final long queueMillis;
        final long takenNanos = System.nanoTime();
        final AtomicReference<State> state = new AtomicReference<>(State.RUNNING);
        /** Tries that met a transient fault; written by one try at a time. */
        volatile int faults;
        volatile long firstFaultNanos;
        volatile long publishStartNanos;

        Taken(Message<String> message, TranslationRequest request, long queueMillis) {
            this.message = message;
            this.request = request;
            this.queueMillis = queueMillis;
        }

        /** Time since it was taken, once it has met a fault (the {@code outage} timing); 0 before. */
        long waitedMillis() {
            return faults == 0 ? 0 : (System.nanoTime() - takenNanos) / 1_000_000;
        }
    }
}
