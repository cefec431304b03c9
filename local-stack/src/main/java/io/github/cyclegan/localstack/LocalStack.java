package io.github.cyclegan.localstack;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A real Apache Kafka broker (KRaft) and a real S3-compatible server on loopback, started in this JVM.
 *
 * <p>The same class backs {@code ./cyclegan local} (a long-running process), the JUnit 5
 * {@link LocalStackExtension} and the Quarkus {@link LocalStackTestResource}. Data lives under
 * {@link LocalStackConfig#dataDir()} ({@code kafka/} and {@code s3/}), so a restart on the same
 * directory finds the topics, records, buckets and objects written before.
 */
public final class LocalStack implements AutoCloseable {

    /** The region the local S3 server accepts in signatures; any region works, this one is the S3 default. */
    public static final String REGION = "us-east-1";

    private final LocalStackConfig config;
    private final S3Server s3;
    private final KafkaNode kafka;
    private final Duration startupTime;

    private LocalStack(LocalStackConfig config, S3Server s3, KafkaNode kafka, Duration startupTime) {
        this.config = config;
        this.s3 = s3;
        this.kafka = kafka;
        this.startupTime = startupTime;
    }

    /** Starts both servers; on failure whatever already started is stopped again. */
    public static LocalStack start(LocalStackConfig config) {
        long started = System.nanoTime();
        S3Server s3 = null;
        try {
            s3 = S3Server.start(config.host(), config.s3Port(), config.dataDir().resolve("s3"),
                    config.accessKey(), config.secretKey());
            KafkaNode kafka = KafkaNode.start(config.host(), config.kafkaPort(), config.dataDir().resolve("kafka"));
            return new LocalStack(config, s3, kafka, Duration.ofNanos(System.nanoTime() - started));
        } catch (Exception | LinkageError e) {
            // Without this, a half-started stack keeps its S3 port bound and the JVM alive.
            if (s3 != null) {
                closeQuietly(s3, e);
            }
            if (e instanceof LinkageError error) {
                throw error;
            }
            throw new LocalStackException("could not start the local stack in " + config.dataDir() + ": " + e.getMessage(), e);
        }
    }

    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    public URI s3Endpoint() {
        return s3.endpoint();
    }

    public String accessKey() {
        return config.accessKey();
    }

    public String secretKey() {
        return config.secretKey();
    }

    public Path dataDir() {
        return config.dataDir();
    }

    public Duration startupTime() {
        return startupTime;
    }

    /**
     * The configuration a client needs, as the properties the workers and the CLI read
     * ({@code kafka.bootstrap.servers}, {@code cyclegan.storage.*}). Kept here so that tests,
     * {@code ./cyclegan local} and the docs use one and the same list.
     */
    public Map<String, String> clientProperties() {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("kafka.bootstrap.servers", kafkaBootstrapServers());
        props.put("cyclegan.storage.endpoint", s3Endpoint().toString());
        props.put("cyclegan.storage.access-key", accessKey());
        props.put("cyclegan.storage.secret-key", secretKey());
        props.put("cyclegan.storage.region", REGION);
        return props;
    }

    /** {@link #clientProperties()} as environment variables, named by the MicroProfile Config rule. */
    public Map<String, String> clientEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        clientProperties().forEach((key, value) ->
                env.put(key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(java.util.Locale.ROOT), value));
        return env;
    }

    @Override
    public void close() {
        RuntimeException failure = null;
        try {
            kafka.close();
        } catch (RuntimeException e) {
            failure = e;
        }
        try {
            s3.close();
        } catch (Exception e) {
            if (failure == null) {
                failure = new LocalStackException("could not stop the S3 server", e);
            } else {
                failure.addSuppressed(e);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static void closeQuietly(AutoCloseable resource, Throwable cause) {
        try {
            resource.close();
        } catch (Exception suppressed) {
            cause.addSuppressed(suppressed);
        }
    }
}
