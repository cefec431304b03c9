package io.github.cyclegan.inferenceworker.support;

import static org.assertj.core.api.Assertions.fail;

import io.github.cyclegan.messaging.MessageCodec;
import io.github.cyclegan.messaging.ModelVersion;
import io.github.cyclegan.messaging.Topics;
import io.github.cyclegan.messaging.TranslationResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The client side of the worker in tests: publishes requests and model versions, and collects every result and
 * dead-lettered record in the background. One per test JVM (the broker is shared too).
 */
public final class KafkaTestClient {
    private static KafkaTestClient instance;

    private final KafkaProducer<String, String> producer;
    private final Map<String, List<TranslationResult>> results = new ConcurrentHashMap<>();
    private final Map<String, ConsumerRecord<String, String>> deadLetters = new ConcurrentHashMap<>();

    private KafkaTestClient(String bootstrap) {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
        collect(bootstrap, List.of(Topics.TRANSLATION_RESULTS, Topics.TRANSLATION_REQUESTS_DLQ));
    }

    public static synchronized KafkaTestClient get() {
        if (instance == null) {
            instance = new KafkaTestClient(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        }
        return instance;
    }

    private void collect(String bootstrap, List<String> topics) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-collector-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new StringDeserializer());
        consumer.subscribe(topics);
        Thread thread = new Thread(() -> {
            while (true) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.topic().equals(Topics.TRANSLATION_RESULTS)) {
                        TranslationResult result = MessageCodec.fromJson(record.value(), TranslationResult.class);
                        results.computeIfAbsent(result.requestId(), k -> new CopyOnWriteArrayList<>()).add(result);
                    } else {
                        deadLetters.put(String.valueOf(record.key()), record);
                    }
                }
            }
        }, "test-result-collector");
        thread.setDaemon(true);
        thread.start();
    }

    public void send(String topic, String key, String value) {
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException("cannot publish to " + topic, e);
        }
    }

    public void sendRequest(String requestId, String json) {
        send(Topics.TRANSLATION_REQUESTS, requestId, json);
    }

    public void publishModel(ModelVersion version) {
        send(Topics.MODELS, version.model(), MessageCodec.toJson(version));
    }

    public TranslationResult awaitResult(String requestId, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            List<TranslationResult> found = results.get(requestId);
            if (found != null && !found.isEmpty()) {
                return found.get(found.size() - 1);
            }
            sleep();
        }
        return fail("no result for " + requestId + " within " + timeout);
    }

    public List<TranslationResult> resultsFor(String requestId) {
        return results.getOrDefault(requestId, List.of());
    }

    public ConsumerRecord<String, String> awaitDeadLetter(String key, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            ConsumerRecord<String, String> record = deadLetters.get(key);
            if (record != null) {
                return record;
            }
            sleep();
        }
        return fail("no dead letter with key " + key + " within " + timeout);
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
