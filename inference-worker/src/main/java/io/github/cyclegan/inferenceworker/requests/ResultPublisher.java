package io.github.cyclegan.inferenceworker.requests;

import io.github.cyclegan.messaging.MessageCodec;
import io.github.cyclegan.messaging.TranslationResult;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Publishes results keyed by requestId; the returned stage completes once the broker has the record, and fails when
 * the producer gave up (after {@code delivery.timeout.ms}).
 */
@ApplicationScoped
public class ResultPublisher {

    @Inject
    @Channel("results")
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096)
    MutinyEmitter<String> results;

    public CompletionStage<Void> publish(TranslationResult result) {
        Message<String> message = Message.of(MessageCodec.toJson(result))
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(result.requestId()).build());
        return results.sendMessage(message).subscribeAsCompletionStage();
    }
}
