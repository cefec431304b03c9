package io.github.cyclegan.localstack;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A real Apache Kafka broker (KRaft) and a real S3-compatible server on loopback, started in this JVM.
 *
 * <p>The same class backs {@code ./cyclegan local} (a long-running process), the JUnit 5
 * {@link LocalStackExtension} and the Quarkus {@link LocalStackTestResource}. Data lives under
 * {@link LocalStackConfig#dataDir()} ({@code kafka/} and {@code s3/}), so a restart on the same
 * directory finds the topics, records, buckets and objects written before.
 *
 * <p>It is also the test kit's fault harness: {@link #stopKafka()}, {@link #startKafka()}, {@link #stopS3()} and
 * {@link #startS3()} stop and start each server on its own, on the same ports and the same data, and with
 * {@link LocalStackConfig#faultProxies()} a {@link FaultProxy} in front of each server can refuse, freeze, delay and cut
 * connections while the server runs.
 */
public final class LocalStack implements AutoCloseable {

    /** The region the local S3 server accepts in signatures; any region works, this one is the S3 default. */
    public static final String REGION = "us-east-1";

    private final LocalStackConfig config;
    /** The ports clients use: the proxies' when there are proxies, else the servers'. */
    private final int kafkaPort;
    private final int s3Port;
    /** The ports the servers listen on. */
    private final int kafkaServerPort;
    private final int s3ServerPort;
    private final int controllerPort;
    private final FaultProxy kafkaProxy;
    private final FaultProxy s3Proxy;
    private final Duration startupTime;
    /** Null while stopped; guarded by {@code this}. */
    private S3Server s3;
    private KafkaNode kafka;

    private LocalStack(LocalStackConfig config, int kafkaPort, int s3Port, int kafkaServerPort, int s3ServerPort,
            int controllerPort, FaultProxy kafkaProxy, FaultProxy s3Proxy, S3Server s3, KafkaNode kafka,
            Duration startupTime) {
        this.config = config;
        this.kafkaPort = kafkaPort;
        this.s3Port = s3Port;
        this.kafkaServerPort = kafkaServerPort;
        this.s3ServerPort = s3ServerPort;
        this.controllerPort = controllerPort;
        this.kafkaProxy = kafkaProxy;
        this.s3Proxy = s3Proxy;
        this.s3 = s3;
        this.kafka = kafka;
        this.startupTime = startupTime;
    }

    /** Starts both servers (and their proxies); on failure whatever already started is stopped again. */
    public static LocalStack start(LocalStackConfig config) {
        long started = System.nanoTime();
        String host = config.host();
        List<AutoCloseable> startedParts = new ArrayList<>();
        try {
            int kafkaPort = FreePorts.resolve(host, config.kafkaPort());
            int s3Port = FreePorts.resolve(host, config.s3Port());
            int kafkaServerPort = config.faultProxies() ? FreePorts.resolve(host, 0) : kafkaPort;
            int s3ServerPort = config.faultProxies() ? FreePorts.resolve(host, 0) : s3Port;
            int controllerPort = FreePorts.resolve(host, 0);
            FaultProxy kafkaProxy = null;
            FaultProxy s3Proxy = null;
            if (config.faultProxies()) {
                kafkaProxy = FaultProxy.start("kafka", host, kafkaPort, host, kafkaServerPort);
                startedParts.add(kafkaProxy);
                s3Proxy = FaultProxy.start("s3", host, s3Port, host, s3ServerPort);
                startedParts.add(s3Proxy);
            }
            S3Server s3 = startS3Server(config, s3ServerPort);
            startedParts.add(s3);
            KafkaNode kafka = KafkaNode.start(host, kafkaServerPort, kafkaPort, controllerPort,
                    config.dataDir().resolve("kafka"));
            return new LocalStack(config, kafkaPort, s3Port, kafkaServerPort, s3ServerPort, controllerPort, kafkaProxy,
                    s3Proxy, s3, kafka, Duration.ofNanos(System.nanoTime() - started));
        } catch (Exception | LinkageError e) {
            // Without this, a half-started stack keeps its ports bound and the JVM alive.
            for (AutoCloseable part : startedParts) {
                closeQuietly(part, e);
            }
            if (e instanceof LinkageError error) {
                throw error;
            }
            throw new LocalStackException("could not start the local stack in " + config.dataDir() + ": " + e.getMessage(), e);
        }
    }

    private static S3Server startS3Server(LocalStackConfig config, int port) throws Exception {
        return S3Server.start(config.host(), port, config.dataDir().resolve("s3"), config.accessKey(),
                config.secretKey());
    }

    public String kafkaBootstrapServers() {
        return config.host() + ":" + kafkaPort;
    }

    public URI s3Endpoint() {
        return URI.create("http://" + config.host() + ":" + s3Port);
    }

    /** Stops the broker; its port is then refused (or, behind a proxy, accepted and reset). No-op when stopped. */
    public synchronized void stopKafka() {
        if (kafka != null) {
            KafkaNode stopping = kafka;
            kafka = null;
            stopping.close();
        }
    }

    /** Starts the broker again on the same ports and log directory: topics, records and offsets are as they were. */
    public synchronized void startKafka() {
        if (kafka == null) {
            try {
                kafka = KafkaNode.start(config.host(), kafkaServerPort, kafkaPort, controllerPort,
                        config.dataDir().resolve("kafka"));
            } catch (Exception e) {
                throw new LocalStackException("could not start Kafka again on port " + kafkaServerPort + ": "
                        + e.getMessage(), e);
            }
        }
    }

    public synchronized boolean isKafkaRunning() {
        return kafka != null;
    }

    /** Stops the S3 server; its port is then refused (or, behind a proxy, accepted and reset). No-op when stopped. */
    public synchronized void stopS3() {
        if (s3 != null) {
            S3Server stopping = s3;
            s3 = null;
            try {
                stopping.close();
            } catch (Exception e) {
                throw new LocalStackException("could not stop the S3 server: " + e.getMessage(), e);
            }
        }
    }

    /** Starts the S3 server again on the same port and directory: buckets and objects are as they were. */
    public synchronized void startS3() {
        if (s3 == null) {
            try {
                s3 = startS3Server(config, s3ServerPort);
            } catch (Exception e) {
                throw new LocalStackException("could not start the S3 server again on port " + s3ServerPort + ": "
                        + e.getMessage(), e);
            }
        }
    }

    public synchronized boolean isS3Running() {
        return s3 != null;
    }

    /** The proxy in front of the broker; only with {@link LocalStackConfig#faultProxies()}. */
    public FaultProxy kafkaProxy() {
        return requireProxy(kafkaProxy);
    }

    /** The proxy in front of the S3 server; only with {@link LocalStackConfig#faultProxies()}. */
    public FaultProxy s3Proxy() {
        return requireProxy(s3Proxy);
    }

    private FaultProxy requireProxy(FaultProxy proxy) {
        if (proxy == null) {
            throw new IllegalStateException("this local stack runs without fault proxies (LocalStackConfig.withFaultProxies())");
        }
        return proxy;
    }

    /** Both servers running and both proxies passing, as after {@link #start}: a test's clean-up after its faults. */
    public void heal() {
        if (kafkaProxy != null) {
            kafkaProxy.pass();
            s3Proxy.pass();
        }
        startS3();
        startKafka();
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
    public synchronized void close() {
        RuntimeException failure = null;
        try {
            stopKafka();
        } catch (RuntimeException e) {
            failure = e;
        }
        try {
            stopS3();
        } catch (RuntimeException e) {
            if (failure == null) {
                failure = e;
            } else {
                failure.addSuppressed(e);
            }
        }
        for (FaultProxy proxy : new FaultProxy[] {kafkaProxy, s3Proxy}) {
            if (proxy != null) {
                proxy.close();
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
