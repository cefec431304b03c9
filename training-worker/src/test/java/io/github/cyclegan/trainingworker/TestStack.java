package io.github.cyclegan.trainingworker;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;

import javax.imageio.ImageIO;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.github.cyclegan.localstack.LocalStack;
import io.github.cyclegan.localstack.SharedLocalStack;
import io.github.cyclegan.messaging.MessageCodec;
import io.github.cyclegan.messaging.TrainingEvent;
import io.github.cyclegan.storage.ObjectStore;
import io.github.cyclegan.storage.StorageSettings;

/** The test JVM's local stack seen from a client: upload images, publish jobs, read topics. */
final class TestStack {

    static final Duration JOB_TIMEOUT = Duration.ofSeconds(150);

    private TestStack() {
    }

    static ObjectStore store() {
        LocalStack stack = SharedLocalStack.get();
        return new ObjectStore(StorageSettings.of(stack.s3Endpoint(), stack.accessKey(), stack.secretKey()));
    }

    /** {@code count} PNGs of {@code size} px: domain A draws white discs on blue, B draws black squares on orange. */
    static void uploadImages(ObjectStore store, String prefix, char domain, int count, int size) {
        for (int i = 0; i < count; i++) {
            BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = image.createGraphics();
            g.setColor(domain == 'A' ? new Color(30, 60, 200) : new Color(240, 150, 30));
            g.fillRect(0, 0, size, size);
            g.setColor(domain == 'A' ? Color.WHITE : Color.BLACK);
            int s = size / 3 + i % 3;
            if (domain == 'A') {
                g.fillOval(i % 4, i % 5, s, s);
            } else {
                g.fillRect(i % 5, i % 4, s, s);
            }
            g.dispose();
            store.put(prefix + String.format("img%02d.png", i), png(image), "image/png");
        }
    }

    static byte[] png(BufferedImage image) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void publish(String topic, String key, String value) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedLocalStack.get().kafkaBootstrapServers());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot publish to " + topic, e);
        }
    }

    /** Reads a topic from the start with a fresh consumer group. */
    static KafkaConsumer<String, String> reader(String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedLocalStack.get().kafkaBootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of(topic));
        return consumer;
    }

    /** The records of {@code topic} until one matches {@code until}, in order, or fails after the timeout. */
    static List<ConsumerRecord<String, String>> readUntil(String topic, Predicate<ConsumerRecord<String, String>> until,
            Duration timeout) {
        List<ConsumerRecord<String, String>> seen = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<String, String> consumer = reader(topic)) {
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    seen.add(record);
                    if (until.test(record)) {
                        return seen;
                    }
                }
            }
        }
        throw new AssertionError("no matching record on " + topic + " within " + timeout + "; saw " + seen.size()
                + ": " + seen.stream().map(ConsumerRecord::value).toList());
    }

    /** The events of {@code jobId} up to the first that matches {@code until}. */
    static List<TrainingEvent> eventsUntil(String jobId, Predicate<TrainingEvent> until) {
        return readUntil("cyclegan.training.events",
                r -> jobId.equals(r.key()) && until.test(MessageCodec.fromJson(r.value(), TrainingEvent.class)), JOB_TIMEOUT)
                .stream().filter(r -> jobId.equals(r.key()))
                .map(r -> MessageCodec.fromJson(r.value(), TrainingEvent.class)).toList();
    }

    /** Every event of {@code jobId} on the topic now: reads until the consumer reaches the end offsets it saw first. */
    static List<TrainingEvent> eventsSoFar(String jobId) {
        List<TrainingEvent> seen = new ArrayList<>();
        long deadline = System.nanoTime() + JOB_TIMEOUT.toNanos();
        try (KafkaConsumer<String, String> consumer = reader("cyclegan.training.events")) {
            Map<TopicPartition, Long> end = null;
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (jobId.equals(record.key())) {
                        seen.add(MessageCodec.fromJson(record.value(), TrainingEvent.class));
                    }
                }
                if (end == null && !consumer.assignment().isEmpty()) {
                    end = consumer.endOffsets(consumer.assignment());
                }
                if (end != null && end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                    return seen;
                }
            }
        }
        throw new AssertionError("cannot read cyclegan.training.events to its end within " + JOB_TIMEOUT);
    }

    /** The events of {@code jobId} up to its final one (COMPLETED, FAILED or CANCELLED). */
    static List<TrainingEvent> eventsUntilFinal(String jobId) {
        return eventsUntil(jobId, e -> e.state().isFinal());
    }

    /** A tiny network and dataset plan that trains in seconds on two cores. */
    static Map<String, Object> tinyConfig() {
        return Map.ofEntries(Map.entry("netG", "resnet_6blocks"), Map.entry("ngf", 4), Map.entry("netD", "n_layers"),
                Map.entry("nLayersD", 1), Map.entry("ndf", 4), Map.entry("loadSize", 16), Map.entry("cropSize", 16),
                Map.entry("poolSize", 2), Map.entry("nEpochs", 1), Map.entry("nEpochsDecay", 1),
                Map.entry("checkpointInterval", 3), Map.entry("sampleInterval", 2), Map.entry("seed", 7));
    }
}
