package io.github.cyclegan.client;

import io.github.cyclegan.messaging.Topics;
import io.github.cyclegan.storage.StorageSettings;
import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Everything a {@link CycleganClient} needs: where Kafka and the object store are, the topic names
 * (the {@link Topics} defaults unless a deployment renamed them) and how long {@code translate}
 * waits for a result. Immutable and validated; change a field with the {@code with...} methods.
 *
 * @param kafkaBootstrapServers comma-separated {@code host:port} list
 * @param translationTimeout    how long a translation may take before its future fails with a
 *                              {@link java.util.concurrent.TimeoutException}
 */
public record ClientSettings(String kafkaBootstrapServers, StorageSettings storage, String requestsTopic,
        String resultsTopic, String trainingJobsTopic, String trainingEventsTopic, String trainingControlTopic,
        String modelsTopic, Duration translationTimeout) {

    public static final Duration DEFAULT_TRANSLATION_TIMEOUT = Duration.ofSeconds(60);

    public ClientSettings {
        requireText(kafkaBootstrapServers, "Kafka bootstrap servers");
        Objects.requireNonNull(storage, "storage settings are required");
        requireText(requestsTopic, "translation requests topic");
        requireText(resultsTopic, "translation results topic");
        requireText(trainingJobsTopic, "training jobs topic");
        requireText(trainingEventsTopic, "training events topic");
        requireText(trainingControlTopic, "training control topic");
        requireText(modelsTopic, "models topic");
        Objects.requireNonNull(translationTimeout, "translation timeout is required");
        if (translationTimeout.isNegative() || translationTimeout.isZero()) {
            throw new IllegalArgumentException("translation timeout must be positive, got " + translationTimeout);
        }
    }

    /** Settings with the default topics and timeout. */
    public static ClientSettings of(String kafkaBootstrapServers, StorageSettings storage) {
        return new ClientSettings(kafkaBootstrapServers, storage, Topics.TRANSLATION_REQUESTS, Topics.TRANSLATION_RESULTS,
                Topics.TRAINING_JOBS, Topics.TRAINING_EVENTS, Topics.TRAINING_CONTROL, Topics.MODELS,
                DEFAULT_TRANSLATION_TIMEOUT);
    }

    /**
     * Reads the variables the workers read (see the README's configuration table):
     * {@code KAFKA_BOOTSTRAP_SERVERS}, {@code CYCLEGAN_STORAGE_ENDPOINT}, {@code CYCLEGAN_STORAGE_ACCESS_KEY} and
     * {@code CYCLEGAN_STORAGE_SECRET_KEY} are required; {@code CYCLEGAN_STORAGE_REGION}, {@code _BUCKET},
     * {@code _PRESIGN_EXPIRY}, {@code _MAX_ATTEMPTS}, {@code _RETRY_BACKOFF}, {@code _CONNECT_TIMEOUT} and
     * {@code _CALL_TIMEOUT} are optional.
     *
     * @throws IllegalArgumentException naming the first missing or malformed variable
     */
    public static ClientSettings fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    /** {@link #fromEnvironment()} over the given variables, so the mapping can be tested without a real environment. */
    public static ClientSettings fromEnvironment(Map<String, String> env) {
        String kafka = required(env, "KAFKA_BOOTSTRAP_SERVERS");
        URI endpoint = parse(env, "CYCLEGAN_STORAGE_ENDPOINT", URI::create, null);
        if (endpoint == null) {
            throw missing("CYCLEGAN_STORAGE_ENDPOINT");
        }
        StorageSettings storage = new StorageSettings(endpoint,
                required(env, "CYCLEGAN_STORAGE_ACCESS_KEY"),
                required(env, "CYCLEGAN_STORAGE_SECRET_KEY"),
                parse(env, "CYCLEGAN_STORAGE_REGION", Function.identity(), StorageSettings.DEFAULT_REGION),
                parse(env, "CYCLEGAN_STORAGE_BUCKET", Function.identity(), StorageSettings.DEFAULT_BUCKET),
                parse(env, "CYCLEGAN_STORAGE_PRESIGN_EXPIRY", Duration::parse, StorageSettings.DEFAULT_PRESIGN_EXPIRY),
                parse(env, "CYCLEGAN_STORAGE_MAX_ATTEMPTS", Integer::valueOf, StorageSettings.DEFAULT_MAX_ATTEMPTS),
                parse(env, "CYCLEGAN_STORAGE_RETRY_BACKOFF", Duration::parse, StorageSettings.DEFAULT_RETRY_BACKOFF),
                parse(env, "CYCLEGAN_STORAGE_CONNECT_TIMEOUT", Duration::parse, StorageSettings.DEFAULT_CONNECT_TIMEOUT),
                parse(env, "CYCLEGAN_STORAGE_CALL_TIMEOUT", Duration::parse, StorageSettings.DEFAULT_CALL_TIMEOUT));
        return of(kafka, storage);
    }

    public ClientSettings withTranslationTimeout(Duration timeout) {
        return new ClientSettings(kafkaBootstrapServers, storage, requestsTopic, resultsTopic, trainingJobsTopic,
                trainingEventsTopic, trainingControlTopic, modelsTopic, timeout);
    }

    /** Topic names as a deployment configured them (e.g. a per-environment prefix). */
    public ClientSettings withTopics(String requests, String results, String trainingJobs, String trainingEvents,
            String trainingControl, String models) {
        return new ClientSettings(kafkaBootstrapServers, storage, requests, results, trainingJobs, trainingEvents,
                trainingControl, models, translationTimeout);
    }

    private static String required(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw missing(name);
        }
        return value.trim();
    }

    private static IllegalArgumentException missing(String name) {
        return new IllegalArgumentException("environment variable " + name + " is required (see the README's configuration table)");
    }

    private static <T> T parse(Map<String, String> env, String name, Function<String, T> parser, T fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return parser.apply(value.trim());
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new IllegalArgumentException("environment variable " + name + " is malformed: '" + value + "' ("
                    + e.getMessage() + ")", e);
        }
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
    }
}
