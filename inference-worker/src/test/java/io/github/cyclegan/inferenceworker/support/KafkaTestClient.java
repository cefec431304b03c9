package io.github.cyclegan.inferenceworker.support;

import io.github.cyclegan.localstack.TopicWatcher;
import io.github.cyclegan.messaging.MessageCodec;
import io.github.cyclegan.messaging.ModelVersion;
import io.github.cyclegan.messaging.Topics;
import io.github.cyclegan.messaging.TranslationResult;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The client side of the worker in tests, over the shared test kit's {@link TopicWatcher}: publishes requests and
 * model versions, and sees every result and dead-lettered record. One per test JVM (the broker is shared too).
 */
public final class KafkaTestClient {
    private static KafkaTestClient instance;

    private final TopicWatcher watcher;

    private KafkaTestClient(String bootstrap) {
        watcher = TopicWatcher.watch(bootstrap, Topics.TRANSLATION_RESULTS, Topics.TRANSLATION_REQUESTS_DLQ);
    }

    public static synchronized KafkaTestClient get() {
        if (instance == null) {
            instance = new KafkaTestClient(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        }
        return instance;
    }

    public void send(String topic, String key, String value) {
        watcher.publish(topic, key, value);
    }

    public void sendRequest(String requestId, String json) {
        send(Topics.TRANSLATION_REQUESTS, requestId, json);
    }

    public void publishModel(ModelVersion version) {
        send(Topics.MODELS, version.model(), MessageCodec.toJson(version));
    }

    /** The latest result of {@code requestId}, once there is one. */
    public TranslationResult awaitResult(String requestId, Duration timeout) {
        watcher.awaitRecord(Topics.TRANSLATION_RESULTS, timeout, r -> requestId.equals(r.key()));
        List<TranslationResult> found = resultsFor(requestId);
        return found.get(found.size() - 1);
    }

    /** Every result of {@code requestId} seen so far (a redelivered request may have several). */
    public List<TranslationResult> resultsFor(String requestId) {
        return watcher.values(Topics.TRANSLATION_RESULTS, requestId).stream()
                .map(json -> MessageCodec.fromJson(json, TranslationResult.class)).toList();
    }

    public ConsumerRecord<String, String> awaitDeadLetter(String key, Duration timeout) {
        return watcher.awaitRecord(Topics.TRANSLATION_REQUESTS_DLQ, timeout, r -> key.equals(String.valueOf(r.key())));
    }
}
