package io.github.cyclegan.inferenceworker.requests;

import io.github.cyclegan.inferenceworker.config.ServingConfig;
import io.github.cyclegan.inferenceworker.models.ModelsTopicReader;
import io.github.cyclegan.messaging.ErrorCode;
import io.github.cyclegan.inferenceworker.pipeline.TranslationPipeline;
import io.github.cyclegan.messaging.InvalidMessageException;
import io.github.cyclegan.messaging.MessageCodec;
import io.github.cyclegan.messaging.TranslationRequest;
import io.github.cyclegan.messaging.TranslationResult;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
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
 */
@ApplicationScoped
public class RequestConsumer {
    private static final Logger LOG = Logger.getLogger(RequestConsumer.class);

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

    @Incoming("requests")
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    @Blocking
    public CompletionStage<Void> consume(Message<String> message) throws InterruptedException {
        long receivedMillis = System.currentTimeMillis();
        awaitModels();
        if (!inFlight.enter()) {
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
            answer(message, TranslationResult.error(e.messageId().get(), null, null, code, e.getMessage(),
                    Map.of("total", 0L)));
            return CompletableFuture.completedFuture(null);
        }
        long queueMillis = message.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(m -> receivedMillis - m.getTimestamp().toEpochMilli()).orElse(0L);
        pipeline.process(request, queueMillis).thenAccept(result -> answer(message, result));
        return CompletableFuture.completedFuture(null);
    }

    /** Publishes, then acknowledges; a result the broker refused leaves the request unacknowledged for redelivery. */
    private void answer(Message<String> message, TranslationResult result) {
        publisher.publish(result).whenComplete((ok, error) -> {
            inFlight.leave();
            if (error == null) {
                message.ack();
            } else {
                LOG.errorf(error, "cannot publish the result of %s; the request stays unacknowledged", result.requestId());
            }
        });
    }

    /** Requests wait for the models topic to be replayed, so a restart does not answer MODEL_NOT_FOUND by mistake. */
    private void awaitModels() throws InterruptedException {
        while (!modelsTopic.awaitCaughtUp(Duration.ofSeconds(10))) {
            LOG.info("waiting for the models topic before taking requests");
        }
    }

    /** First of the shutdown observers: stop taking requests and answer those taken. */
    void drain(@Observes @Priority(10) ShutdownEvent event) throws InterruptedException {
        if (!inFlight.drain(config.shutdownDrainTimeout())) {
            LOG.warn("shutdown with requests still in flight; they stay uncommitted and will be redelivered");
        }
    }
}
