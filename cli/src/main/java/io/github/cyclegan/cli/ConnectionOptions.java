package io.github.cyclegan.cli;

import io.github.cyclegan.client.ClientSettings;
import io.github.cyclegan.client.CycleganClient;
import io.github.cyclegan.client.UnreachableException;
import io.github.cyclegan.localstack.LocalStackConfig;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Option;

/**
 * Where the broker and the bucket are, for every command that talks to them: the variables the workers and the Java
 * client read ({@link ClientSettings#fromEnvironment(Map)}, the {@code export} lines of {@code ./cyclegan local}),
 * overridden by these options, and {@code ./cyclegan local}'s own defaults for what neither sets, so that
 * {@code ./cyclegan local} in one shell and any command in another work together without configuration.
 */
public final class ConnectionOptions {

    /** Kafka clients retry an absent broker forever; a command gives up after this and says why. */
    static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);

    private static final String KAFKA_ADVICE = "; is ./cyclegan local running? Otherwise point --bootstrap-servers "
            + "or KAFKA_BOOTSTRAP_SERVERS at a broker";
    private static final String STORAGE_ADVICE = "; is ./cyclegan local running? Otherwise point --s3-endpoint and "
            + "the keys (or CYCLEGAN_STORAGE_*) at an S3 server";

    private static final Map<String, String> LOCAL_DEFAULTS = Map.of(
            "KAFKA_BOOTSTRAP_SERVERS", LocalStackConfig.DEFAULT_HOST + ":" + LocalStackConfig.DEFAULT_KAFKA_PORT,
            "CYCLEGAN_STORAGE_ENDPOINT", "http://" + LocalStackConfig.DEFAULT_HOST + ":" + LocalStackConfig.DEFAULT_S3_PORT,
            "CYCLEGAN_STORAGE_ACCESS_KEY", LocalStackConfig.DEFAULT_ACCESS_KEY,
            "CYCLEGAN_STORAGE_SECRET_KEY", LocalStackConfig.DEFAULT_SECRET_KEY);

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]",
            description = "Kafka brokers (default: $KAFKA_BOOTSTRAP_SERVERS, else 127.0.0.1:9092).")
    String bootstrapServers;

    @Option(names = "--s3-endpoint", paramLabel = "URL",
            description = "S3 endpoint (default: $CYCLEGAN_STORAGE_ENDPOINT, else http://127.0.0.1:9000).")
    String s3Endpoint;

    @Option(names = "--s3-access-key", paramLabel = "KEY",
            description = "S3 access key (default: $CYCLEGAN_STORAGE_ACCESS_KEY, else cyclegan).")
    String accessKey;

    @Option(names = "--s3-secret-key", paramLabel = "SECRET",
            description = "S3 secret key (default: $CYCLEGAN_STORAGE_SECRET_KEY, else cyclegan-local-secret).")
    String secretKey;

    @Option(names = "--s3-bucket", paramLabel = "BUCKET",
            description = "The system's bucket (default: $CYCLEGAN_STORAGE_BUCKET, else cyclegan).")
    String bucket;

    /** The settings, without contacting anything. */
    public ClientSettings settings() {
        Map<String, String> env = new HashMap<>(LOCAL_DEFAULTS);
        System.getenv().forEach((name, value) -> {
            if (!value.isBlank()) {
                env.put(name, value);
            }
        });
        putIfSet(env, "KAFKA_BOOTSTRAP_SERVERS", bootstrapServers);
        putIfSet(env, "CYCLEGAN_STORAGE_ENDPOINT", s3Endpoint);
        putIfSet(env, "CYCLEGAN_STORAGE_ACCESS_KEY", accessKey);
        putIfSet(env, "CYCLEGAN_STORAGE_SECRET_KEY", secretKey);
        putIfSet(env, "CYCLEGAN_STORAGE_BUCKET", bucket);
        return ClientSettings.fromEnvironment(env);
    }

    /**
     * A client once both the broker and the storage have answered; a clear error naming the address and the option
     * when either does not. The caller closes it.
     */
    public CycleganClient connect() {
        return connect(UnaryOperator.identity());
    }

    /** {@link #connect()} with settings a command adjusts (a topic of its own, a timeout). */
    public CycleganClient connect(UnaryOperator<ClientSettings> adjust) {
        ClientSettings settings = adjust.apply(settings());
        try {
            CycleganClient.checkReachable(settings, PROBE_TIMEOUT);
        } catch (UnreachableException e) {
            throw new IllegalStateException(e.getMessage() + (e.service() == UnreachableException.Service.KAFKA ? KAFKA_ADVICE
                    : STORAGE_ADVICE), e);
        }
        return new CycleganClient(settings);
    }

    /** {@link #connect()} for commands that use the storage alone (datasets, stored versions). */
    public CycleganClient connectStorage() {
        ClientSettings settings = settings();
        try {
            CycleganClient.checkStorageReachable(settings);
        } catch (UnreachableException e) {
            throw new IllegalStateException(e.getMessage() + STORAGE_ADVICE, e);
        }
        return new CycleganClient(settings);
    }

    private static void putIfSet(Map<String, String> env, String name, String value) {
        if (value != null) {
            env.put(name, value);
        }
    }
}
