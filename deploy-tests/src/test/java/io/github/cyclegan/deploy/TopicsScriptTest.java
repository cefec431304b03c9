package io.github.cyclegan.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.github.cyclegan.messaging.Topics;

/** create-topics.sh creates exactly the topics the code names, the models topic compacted. */
class TopicsScriptTest {

    private final TopicsScript script = TopicsScript.read();

    @Test
    void createsEveryTopicOfTheContractsAndNoOther() {
        assertThat(script.topics().keySet()).containsExactlyInAnyOrderElementsOf(topicConstants());
    }

    @Test
    void topicNamesAreTheWorkersDefaults() {
        Map<String, String> keys = Map.of(
                "cyclegan.topics.training-jobs", Topics.TRAINING_JOBS,
                "cyclegan.topics.training-events", Topics.TRAINING_EVENTS,
                "cyclegan.topics.training-control", Topics.TRAINING_CONTROL,
                "cyclegan.topics.models", Topics.MODELS);
        keys.forEach((key, topic) -> assertThat(Worker.TRAINING.property(key)).as(key).isEqualTo(topic));
        // The inference worker's topic defaults live in its TopicsConfig, as the Topics constants.
        assertThat(Repo.read("inference-worker/src/main/java/io/github/cyclegan/inferenceworker/config/TopicsConfig.java"))
                .contains("@WithDefault(Topics.MODELS)", "@WithDefault(Topics.TRANSLATION_REQUESTS)",
                        "@WithDefault(Topics.TRANSLATION_RESULTS)", "@WithDefault(Topics.TRANSLATION_REQUESTS_DLQ)");
        assertThat(Worker.INFERENCE.property("mp.messaging.incoming.requests.dead-letter-queue.topic"))
                .isEqualTo("${cyclegan.topics.translation-requests-dlq}");
    }

    @Test
    void theModelsTopicIsCompactedAndHasOnePartitionOfOrder() {
        assertThat(script.topics().get(Topics.MODELS).configs()).containsExactly("cleanup.policy=compact");
        script.topics().forEach((name, topic) -> {
            if (!name.equals(Topics.MODELS)) {
                assertThat(topic.configs()).as(name).isEmpty();
            }
            assertThat(topic.partitions()).as(name).isPositive();
        });
    }

    @Test
    void resultsHaveAsManyPartitionsAsRequests() {
        assertThat(script.partitions(Topics.TRANSLATION_RESULTS)).isEqualTo(script.partitions(Topics.TRANSLATION_REQUESTS));
    }

    private static List<String> topicConstants() {
        return Arrays.stream(Topics.class.getDeclaredFields())
                .filter(f -> Modifier.isStatic(f.getModifiers()) && f.getType() == String.class)
                .map(TopicsScriptTest::value).toList();
    }

    private static String value(Field field) {
        try {
            return (String) field.get(null);
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
    }
}
