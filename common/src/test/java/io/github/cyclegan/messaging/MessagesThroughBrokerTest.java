package io.github.cyclegan.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.github.cyclegan.localstack.LocalStack;
import io.github.cyclegan.localstack.LocalStackExtension;

@ExtendWith(LocalStackExtension.class)
class MessagesThroughBrokerTest {

    @Test
    void requestsTravelThroughTheBrokerToAConsumerGroupAndResumeFromCommittedOffsets(LocalStack stack) {
        String topic = Topics.TRANSLATION_REQUESTS + ".broker-test";
        try (KafkaProducer<String, byte[]> producer = producer(stack)) {
            for (int i = 0; i < 10; i++) {
                TranslationRequest r = new TranslationRequest("req-" + i, "m", Direction.A_TO_B, "s3://cyclegan/in/" + i + ".png");
                producer.send(new ProducerRecord<>(topic, r.kafkaKey(), MessageCodec.toBytes(r)));
            }
            producer.flush();
        }

        List<TranslationRequest> first = consume(stack, topic, "workers", 6);
        assertThat(first).hasSizeGreaterThanOrEqualTo(6);
        List<TranslationRequest> rest = consume(stack, topic, "workers", 10 - first.size());
        assertThat(rest).hasSize(10 - first.size());

        List<String> ids = new ArrayList<>();
        first.forEach(r -> ids.add(r.requestId()));
        rest.forEach(r -> ids.add(r.requestId()));
        assertThat(ids).containsExactlyInAnyOrder("req-0", "req-1", "req-2", "req-3", "req-4", "req-5", "req-6", "req-7",
                "req-8", "req-9");
        assertThat(consume(stack, topic, "another-group", 10)).hasSize(10);
    }

    private static KafkaProducer<String, byte[]> producer(LocalStack stack) {
        Properties p = new Properties();
        p.putAll(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()));
        return new KafkaProducer<>(p);
    }

    /** Reads at least {@code atLeast} records (one poll may return more), then commits what it read. */
    private static List<TranslationRequest> consume(LocalStack stack, String topic, String group, int atLeast) {
        Properties p = new Properties();
        p.putAll(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()));
        List<TranslationRequest> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p)) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ZERO).until(() -> {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    TranslationRequest request = MessageCodec.fromBytes(record.value(), TranslationRequest.class);
                    assertThat(record.key()).isEqualTo(request.kafkaKey());
                    out.add(request);
                }
                return out.size() >= atLeast;
            });
            consumer.commitSync();
        }
        return out;
    }
}
