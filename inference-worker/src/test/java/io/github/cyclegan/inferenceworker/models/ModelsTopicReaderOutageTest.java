package io.github.cyclegan.inferenceworker.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.cyclegan.inferenceworker.config.TopicsConfig;
import io.github.cyclegan.inferenceworker.support.TestModels;
import io.github.cyclegan.localstack.LocalStack;
import io.github.cyclegan.localstack.SharedLocalStack;
import io.github.cyclegan.localstack.TopicWatcher;
import io.github.cyclegan.messaging.Direction;
import io.github.cyclegan.messaging.MessageCodec;
import io.github.cyclegan.messaging.ModelVersion;
import io.github.cyclegan.messaging.Topics;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The models-topic reader against a broker that is down when it starts and restarted while it runs, with the shared
 * stack's real broker: it reads the topic once the broker is up and keeps reading after the restart, by itself.
 */
class ModelsTopicReaderOutageTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    private final LocalStack stack = SharedLocalStack.get();
    private final String topic = "models-outage-" + UUID.randomUUID();
    private final ModelRegistry registry = new ModelRegistry();
    private ModelsTopicReader reader;

    @AfterEach
    void stop() {
        if (reader != null) {
            reader.stop(null);
        }
        stack.heal();
    }

    @Test
    void readsTheTopicOnceTheBrokerIsUpAndAgainAfterItRestarts() {
        stack.stopKafka();
        try {
            reader = reader();
            reader.start(null);
            assertThat(reader.isCaughtUp()).as("caught up without a broker").isFalse();
        } finally {
            stack.startKafka();
        }
        publish(1);
        await("version 1 read after the broker came up").atMost(TIMEOUT)
                .until(() -> reader.isCaughtUp() && latest() == 1);

        stack.stopKafka();
        stack.startKafka();
        publish(2);
        await("version 2 read after the broker restarted").atMost(TIMEOUT).until(() -> latest() == 2);
    }

    private long latest() {
        return registry.latest("reader").map(ModelVersion::version).orElse(0L);
    }

    private void publish(long version) {
        ModelVersion mv = new ModelVersion("reader", version, Map.of(Direction.A_TO_B,
                "s3://cyclegan/models/reader/versions/" + version + "/G_A.safetensors"), TestModels.ARCHITECTURE, null);
        TopicWatcher.publish(stack.kafkaBootstrapServers(), topic, mv.model(), MessageCodec.toJson(mv));
    }

    private ModelsTopicReader reader() {
        ModelsTopicReader r = new ModelsTopicReader();
        r.registry = registry;
        r.kafkaConfig = Map.of("bootstrap.servers", stack.kafkaBootstrapServers());
        r.topics = new TopicsConfig() {
            @Override
            public String models() {
                return topic;
            }

            @Override
            public String translationRequests() {
                return Topics.TRANSLATION_REQUESTS;
            }

            @Override
            public String translationResults() {
                return Topics.TRANSLATION_RESULTS;
            }

            @Override
            public String translationRequestsDlq() {
                return Topics.TRANSLATION_REQUESTS_DLQ;
            }
        };
        return r;
    }
}
