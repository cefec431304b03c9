package io.github.cyclegan.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cyclegan.messaging.Topics;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClientSettingsTest {

    private static Map<String, String> required() {
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", "kafka:9092");
        env.put("CYCLEGAN_STORAGE_ENDPOINT", "http://minio:9000");
        env.put("CYCLEGAN_STORAGE_ACCESS_KEY", "key");
        env.put("CYCLEGAN_STORAGE_SECRET_KEY", "secret");
        return env;
    }

    @Test
    void readsTheRequiredVariablesAndDefaultsTheRest() {
        ClientSettings settings = ClientSettings.fromEnvironment(required());

        assertThat(settings.kafkaBootstrapServers()).isEqualTo("kafka:9092");
        assertThat(settings.storage().endpoint()).isEqualTo(URI.create("http://minio:9000"));
        assertThat(settings.storage().bucket()).isEqualTo("cyclegan");
        assertThat(settings.storage().region()).isEqualTo("us-east-1");
        assertThat(settings.requestsTopic()).isEqualTo(Topics.TRANSLATION_REQUESTS);
        assertThat(settings.resultsTopic()).isEqualTo(Topics.TRANSLATION_RESULTS);
        assertThat(settings.trainingJobsTopic()).isEqualTo(Topics.TRAINING_JOBS);
        assertThat(settings.trainingEventsTopic()).isEqualTo(Topics.TRAINING_EVENTS);
        assertThat(settings.modelsTopic()).isEqualTo(Topics.MODELS);
        assertThat(settings.translationTimeout()).isEqualTo(ClientSettings.DEFAULT_TRANSLATION_TIMEOUT);
        assertThat(settings.storage().connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.storage().callTimeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void readsTheOptionalStorageVariables() {
        Map<String, String> env = required();
        env.put("CYCLEGAN_STORAGE_REGION", "eu-west-1");
        env.put("CYCLEGAN_STORAGE_BUCKET", "photos");
        env.put("CYCLEGAN_STORAGE_PRESIGN_EXPIRY", "PT1H");
        env.put("CYCLEGAN_STORAGE_MAX_ATTEMPTS", "2");
        env.put("CYCLEGAN_STORAGE_RETRY_BACKOFF", "PT1S");
        env.put("CYCLEGAN_STORAGE_CONNECT_TIMEOUT", "PT3S");
        env.put("CYCLEGAN_STORAGE_CALL_TIMEOUT", "PT20S");

        ClientSettings settings = ClientSettings.fromEnvironment(env);

        assertThat(settings.storage().region()).isEqualTo("eu-west-1");
        assertThat(settings.storage().bucket()).isEqualTo("photos");
        assertThat(settings.storage().presignExpiry()).isEqualTo(Duration.ofHours(1));
        assertThat(settings.storage().maxAttempts()).isEqualTo(2);
        assertThat(settings.storage().retryBackoff()).isEqualTo(Duration.ofSeconds(1));
        assertThat(settings.storage().connectTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(settings.storage().callTimeout()).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void namesTheMissingVariable() {
        for (String name : required().keySet()) {
            Map<String, String> env = required();
            env.remove(name);
            assertThatThrownBy(() -> ClientSettings.fromEnvironment(env)).as(name)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(name);
        }
    }

    @Test
    void namesAMalformedVariable() {
        Map<String, String> env = required();
        env.put("CYCLEGAN_STORAGE_MAX_ATTEMPTS", "many");

        assertThatThrownBy(() -> ClientSettings.fromEnvironment(env)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CYCLEGAN_STORAGE_MAX_ATTEMPTS");
    }

    @Test
    void rejectsANonPositiveTimeoutAndBlankTopics() {
        ClientSettings settings = ClientSettings.fromEnvironment(required());

        assertThatThrownBy(() -> settings.withTranslationTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> settings.withTopics(" ", "r", "j", "e", "c", "m")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("requests topic");
    }
}
