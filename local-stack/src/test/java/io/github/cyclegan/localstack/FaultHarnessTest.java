package io.github.cyclegan.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Node;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.minio.GetObjectArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;

/**
 * The fault harness on the shared stack (which runs with fault proxies): each server stops and starts on its own, on
 * the same port and with the same data, and the proxies' faults reach real Kafka and S3 clients.
 */
class FaultHarnessTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final LocalStack stack = SharedLocalStack.get();

    @AfterEach
    void heal() {
        stack.heal();
    }

    @Test
    void theBrokerAdvertisesTheProxySoThatClientsReconnectThroughIt() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.kafkaBootstrapServers()))) {
            Collection<Node> nodes = admin.describeCluster().nodes().get(30, TimeUnit.SECONDS);
            assertThat(nodes).extracting(Node::port).containsExactly(stack.kafkaProxy().port());
        }
        String topic = "harness-cut-" + UUID.randomUUID();
        try (KafkaProducer<String, String> producer = LocalStackTest.producer(stack)) {
            producer.send(new ProducerRecord<>(topic, "k", "before the cut")).get(30, TimeUnit.SECONDS);
            long accepted = stack.kafkaProxy().acceptedConnections();

            stack.kafkaProxy().cutConnections();
            producer.send(new ProducerRecord<>(topic, "k", "after the cut")).get(30, TimeUnit.SECONDS);

            assertThat(stack.kafkaProxy().acceptedConnections()).as("connections through the proxy")
                    .isGreaterThan(accepted);
        }
        assertThat(LocalStackTest.consumeAll(stack, topic, "harness-cut-" + UUID.randomUUID(), 2))
                .containsExactly("before the cut", "after the cut");
    }

    @Test
    void kafkaStopsAndStartsAloneOnTheSamePortWithItsRecords() throws Exception {
        String topic = "harness-restart-" + UUID.randomUUID();
        try (KafkaProducer<String, String> producer = LocalStackTest.producer(stack)) {
            producer.send(new ProducerRecord<>(topic, "k", "before")).get(30, TimeUnit.SECONDS);
        }
        String bootstrap = stack.kafkaBootstrapServers();

        stack.stopKafka();
        assertThat(stack.isKafkaRunning()).isFalse();
        assertThat(stack.isS3Running()).isTrue();
        assertThat(connectionIsReset(stack.kafkaProxy().port())).as("a connection to the stopped broker").isTrue();

        stack.startKafka();
        assertThat(stack.kafkaBootstrapServers()).isEqualTo(bootstrap);
        try (KafkaProducer<String, String> producer = LocalStackTest.producer(stack)) {
            producer.send(new ProducerRecord<>(topic, "k", "after")).get(30, TimeUnit.SECONDS);
        }
        assertThat(LocalStackTest.consumeAll(stack, topic, "harness-restart-" + UUID.randomUUID(), 2))
                .containsExactly("before", "after");
    }

    @Test
    void s3StopsAndStartsAloneOnTheSamePortWithItsObjects() throws Exception {
        MinioClient minio = LocalStackTest.minio(stack);
        String bucket = "harness-" + UUID.randomUUID().toString().substring(0, 8);
        minio.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
        put(minio, bucket, "kept.txt", "kept across a restart");

        stack.stopS3();
        assertThat(stack.isS3Running()).isFalse();
        assertThat(stack.isKafkaRunning()).isTrue();
        assertThatThrownBy(() -> get(minio, bucket, "kept.txt")).isInstanceOf(IOException.class);

        stack.startS3();
        assertThat(get(minio, bucket, "kept.txt")).isEqualTo("kept across a restart");
    }

    @Test
    void aFrozenS3ProxyTimesClientsOutAndPassingAgainServesThem() throws Exception {
        MinioClient minio = LocalStackTest.minio(stack);
        String bucket = "harness-" + UUID.randomUUID().toString().substring(0, 8);
        minio.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
        put(minio, bucket, "frozen.txt", "served after the freeze");
        minio.setTimeout(TimeUnit.SECONDS.toMillis(5), 500, 500);

        stack.s3Proxy().freeze();
        assertThatThrownBy(() -> get(minio, bucket, "frozen.txt")).isInstanceOf(SocketTimeoutException.class);

        stack.s3Proxy().pass();
        assertThat(get(minio, bucket, "frozen.txt")).isEqualTo("served after the freeze");
    }

    @Test
    void aRefusingS3ProxyFailsNewConnectionsAtOnce() throws Exception {
        MinioClient minio = LocalStackTest.minio(stack);
        String bucket = "harness-" + UUID.randomUUID().toString().substring(0, 8);
        minio.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
        put(minio, bucket, "refused.txt", "served after the refusal");

        stack.s3Proxy().refuse();
        stack.s3Proxy().cutConnections();
        assertThatThrownBy(() -> get(minio, bucket, "refused.txt")).isInstanceOf(java.net.ConnectException.class);

        stack.s3Proxy().pass();
        assertThat(get(minio, bucket, "refused.txt")).isEqualTo("served after the refusal");
    }

    /** Whether a connection to {@code port} ends (reset or end of stream) instead of staying open. */
    private static boolean connectionIsReset(int port) throws IOException {
        try (Socket socket = new Socket(LocalStackConfig.DEFAULT_HOST, port)) {
            socket.setSoTimeout((int) TIMEOUT.toMillis());
            return socket.getInputStream().read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    private static void put(MinioClient minio, String bucket, String key, String text) throws Exception {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        minio.putObject(PutObjectArgs.builder().bucket(bucket).object(key)
                .stream(new ByteArrayInputStream(bytes), bytes.length, -1).build());
    }

    private static String get(MinioClient minio, String bucket, String key) throws Exception {
        try (var in = minio.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build())) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
