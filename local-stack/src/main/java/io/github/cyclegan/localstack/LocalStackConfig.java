package io.github.cyclegan.localstack;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Immutable, validated settings of a {@link LocalStack}. A port of 0 means "any free port".
 *
 * <p>Credentials are for the local S3 server only; they are printed so that another process can
 * use them, which is why they must never be real secrets.
 *
 * <p>With {@code faultProxies}, clients reach both servers through a {@link FaultProxy} each: the proxies take
 * {@code kafkaPort} and {@code s3Port}, the servers listen on free ports behind them, and the broker advertises the
 * proxy's port, so that a client's reconnections go through the proxy too. Tests use it to refuse, freeze, delay and
 * cut connections ({@link LocalStack#kafkaProxy()}, {@link LocalStack#s3Proxy()}).
 */
public record LocalStackConfig(
        String host, int kafkaPort, int s3Port, Path dataDir, String accessKey, String secretKey,
        boolean faultProxies) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_KAFKA_PORT = 9092;
    public static final int DEFAULT_S3_PORT = 9000;
    public static final String DEFAULT_ACCESS_KEY = "cyclegan";
    public static final String DEFAULT_SECRET_KEY = "cyclegan-local-secret";

    public LocalStackConfig {
        requireText(host, "host");
        requirePort(kafkaPort, "kafkaPort");
        requirePort(s3Port, "s3Port");
        Objects.requireNonNull(dataDir, "dataDir must not be null");
        requireText(accessKey, "accessKey");
        requireText(secretKey, "secretKey");
        if (kafkaPort != 0 && kafkaPort == s3Port) {
            throw new IllegalArgumentException("kafkaPort and s3Port must differ, both are " + kafkaPort);
        }
        dataDir = dataDir.toAbsolutePath().normalize();
    }

    /** Settings without fault proxies: clients talk to the servers directly. */
    public LocalStackConfig(String host, int kafkaPort, int s3Port, Path dataDir, String accessKey, String secretKey) {
        this(host, kafkaPort, s3Port, dataDir, accessKey, secretKey, false);
    }

    /** Defaults for a machine-wide local stack: fixed well-known ports, data under {@code dataDir}. */
    public static LocalStackConfig defaults(Path dataDir) {
        return new LocalStackConfig(DEFAULT_HOST, DEFAULT_KAFKA_PORT, DEFAULT_S3_PORT, dataDir,
                DEFAULT_ACCESS_KEY, DEFAULT_SECRET_KEY);
    }

    /** Free ports chosen at start, so that test JVMs never collide with each other or with a running stack. */
    public static LocalStackConfig ephemeral(Path dataDir) {
        return new LocalStackConfig(DEFAULT_HOST, 0, 0, dataDir, DEFAULT_ACCESS_KEY, DEFAULT_SECRET_KEY);
    }

    public LocalStackConfig withPorts(int newKafkaPort, int newS3Port) {
        return new LocalStackConfig(host, newKafkaPort, newS3Port, dataDir, accessKey, secretKey, faultProxies);
    }

    /** The same settings with a {@link FaultProxy} in front of each server. */
    public LocalStackConfig withFaultProxies() {
        return new LocalStackConfig(host, kafkaPort, s3Port, dataDir, accessKey, secretKey, true);
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }

    private static void requirePort(int port, String name) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException(name + " must be between 0 and 65535, got " + port);
        }
    }
}
