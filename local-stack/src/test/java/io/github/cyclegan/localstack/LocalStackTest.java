package io.github.cyclegan.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;

class LocalStackTest {

    @TempDir
    Path tmp;

    @Test
    void keepsTopicsRecordsAndObjectsAcrossARestart() throws Exception {
        Path dataDir = tmp.resolve("stack");
        LocalStackConfig config = LocalStackConfig.ephemeral(dataDir);
        byte[] payload = "hello object".getBytes(StandardCharsets.UTF_8);

        try (LocalStack stack = LocalStack.start(config)) {
            assertThat(stack.startupTime()).isLessThan(Duration.ofSeconds(30));
            try (KafkaProducer<String, String> producer = producer(stack)) {
                producer.send(new ProducerRecord<>("restart-test", "k", "before restart")).get();
            }
            MinioClient minio = minio(stack);
            minio.makeBucket(MakeBucketArgs.builder().bucket("restart").build());
            minio.putObject(PutObjectArgs.builder().bucket("restart").object("a/b.txt")
                    .stream(new ByteArrayInputStream(payload), payload.length, -1).build());
        }

        try (LocalStack stack = LocalStack.start(config)) {
            assertThat(stack.dataDir()).isEqualTo(dataDir.toAbsolutePath());
            assertThat(consumeAll(stack, "restart-test", "group-after-restart", 1)).containsExactly("before restart");
            MinioClient minio = minio(stack);
            assertThat(minio.bucketExists(BucketExistsArgs.builder().bucket("restart").build())).isTrue();
            try (var in = minio.getObject(GetObjectArgs.builder().bucket("restart").object("a/b.txt").build())) {
                assertThat(in.readAllBytes()).isEqualTo(payload);
            }
        }
        assertThat(Files.list(dataDir).map(p -> p.getFileName().toString())).contains("kafka", "s3");
    }

    @Test
    void rejectsWrongS3Credentials() throws Exception {
        LocalStack stack = SharedLocalStack.get();
        MinioClient wrong = MinioClient.builder().endpoint(stack.s3Endpoint().toString())
                .credentials(stack.accessKey(), "not-the-secret").region(LocalStack.REGION).build();
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> wrong.bucketExists(BucketExistsArgs.builder().bucket("anything").build()))
                .isInstanceOf(io.minio.errors.ErrorResponseException.class)
                .hasMessageContaining("Access denied");
    }

    @Test
    void exposesClientSettingsAsPropertiesAndEnvironment() {
        LocalStack stack = SharedLocalStack.get();
        Map<String, String> env = stack.clientEnvironment();
        assertThat(env).containsEntry("KAFKA_BOOTSTRAP_SERVERS", stack.kafkaBootstrapServers())
                .containsEntry("CYCLEGAN_STORAGE_ENDPOINT", stack.s3Endpoint().toString())
                .containsEntry("CYCLEGAN_STORAGE_ACCESS_KEY", stack.accessKey());
        assertThat(stack.clientProperties()).containsEntry("cyclegan.storage.secret-key", stack.secretKey());
    }

    static KafkaProducer<String, String> producer(LocalStack stack) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return new KafkaProducer<>(p);
    }

    static List<String> consumeAll(LocalStack stack, String topic, String group, int expected) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ZERO).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> values.add(r.value()));
                return values.size() >= expected;
            });
            consumer.commitSync();
        }
        return values;
    }

    static MinioClient minio(LocalStack stack) {
        return MinioClient.builder().endpoint(stack.s3Endpoint().toString())
                .credentials(stack.accessKey(), stack.secretKey()).region(LocalStack.REGION).build();
    }
}
