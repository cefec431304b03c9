package io.github.cyclegan.cli;

import io.github.cyclegan.client.ClientSettings;
import io.github.cyclegan.localstack.LocalStackConfig;
import io.github.cyclegan.storage.ObjectStore;
import io.github.cyclegan.storage.StorageException;
import io.github.cyclegan.storage.StorageSettings;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.KafkaException;
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

    /** The settings once both the broker and the storage have answered; a clear error when either does not. */
    public ClientSettings connect() {
        ClientSettings settings = settings();
        probeKafka(settings.kafkaBootstrapServers());
        probeStorage(settings.storage());
        return settings;
    }

    /** The object store once it has answered, for commands that need no broker. */
    public ObjectStore storage() {
        StorageSettings settings = settings().storage();
        probeStorage(settings);
        return new ObjectStore(settings);
    }

    private static void probeKafka(String bootstrapServers) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) PROBE_TIMEOUT.toMillis());
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) PROBE_TIMEOUT.toMillis());
        String advice = "; is ./cyclegan local running? Otherwise point --bootstrap-servers or KAFKA_BOOTSTRAP_SERVERS "
                + "at a broker";
        Admin admin;
        try {
            admin = Admin.create(props);
        } catch (KafkaException e) {
            throw new IllegalStateException("cannot use Kafka at " + bootstrapServers + ": " + rootMessage(e) + advice, e);
        }
        try {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) PROBE_TIMEOUT.toMillis())).nodes()
                    .get(PROBE_TIMEOUT.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot reach Kafka at " + bootstrapServers + " within "
                    + PROBE_TIMEOUT.toSeconds() + " s" + advice, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while connecting to Kafka", e);
        } finally {
            // The default close waits for the timed-out request's retries.
            admin.close(Duration.ZERO);
        }
    }

    /** One stat request without retries: enough to tell a missing server or wrong credentials from a working store. */
    private static void probeStorage(StorageSettings settings) {
        ObjectStore probe = new ObjectStore(settings.withRetries(1, Duration.ZERO));
        try {
            probe.exists("models/.probe");
        } catch (StorageException e) {
            throw new IllegalStateException("cannot use the storage at " + settings.endpoint() + " (bucket "
                    + settings.bucket() + "): " + rootMessage(e) + "; is ./cyclegan local running? Otherwise point "
                    + "--s3-endpoint and the keys (or CYCLEGAN_STORAGE_*) at an S3 server", e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    private static void putIfSet(Map<String, String> env, String name, String value) {
        if (value != null) {
            env.put(name, value);
        }
    }
}
