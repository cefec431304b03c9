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
import java.util.function.Predicate;

import javax.imageio.ImageIO;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import io.github.cyclegan.localstack.LocalStack;
import io.github.cyclegan.localstack.SharedLocalStack;
import io.github.cyclegan.localstack.TopicWatcher;
import io.github.cyclegan.messaging.Topics;
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
        TopicWatcher.publish(SharedLocalStack.get().kafkaBootstrapServers(), topic, key, value);
    }

    /** The events of {@code jobId} up to the first that matches {@code until}, waiting at most the job timeout. */
    static List<TrainingEvent> eventsUntil(String jobId, Predicate<TrainingEvent> until) {
        try (TopicWatcher watcher = TopicWatcher.watch(SharedLocalStack.get().kafkaBootstrapServers(), Topics.TRAINING_EVENTS)) {
            watcher.awaitRecord(Topics.TRAINING_EVENTS, JOB_TIMEOUT, r -> jobId.equals(r.key()) && until.test(event(r)));
            List<TrainingEvent> events = new ArrayList<>();
            for (ConsumerRecord<String, String> record : watcher.records(Topics.TRAINING_EVENTS)) {
                if (jobId.equals(record.key())) {
                    events.add(event(record));
                    if (until.test(events.get(events.size() - 1))) {
                        return events;
                    }
                }
            }
            return events;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Every event of {@code jobId} on the topic now. */
    static List<TrainingEvent> eventsSoFar(String jobId) {
        return TopicWatcher.readAll(SharedLocalStack.get().kafkaBootstrapServers(), Topics.TRAINING_EVENTS).stream()
                .filter(r -> jobId.equals(r.key())).map(TestStack::event).toList();
    }

    private static TrainingEvent event(ConsumerRecord<String, String> record) {
        return MessageCodec.fromJson(record.value(), TrainingEvent.class);
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
