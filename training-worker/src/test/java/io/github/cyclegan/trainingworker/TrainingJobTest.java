package io.github.cyclegan.trainingworker;

import io.github.cyclegan.localstack.SharedLocalStack;
import io.github.cyclegan.localstack.TopicWatcher;
import io.github.cyclegan.messaging.Topics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.matchesPattern;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.cyclegan.image.ChwImage;
import io.github.cyclegan.serving.GeneratorModel;
import io.github.cyclegan.weights.NamedTensor;
import io.github.cyclegan.weights.SafetensorsReader;
import io.github.cyclegan.localstack.LocalStackTestResource;
import io.github.cyclegan.messaging.Direction;
import io.github.cyclegan.messaging.Network;
import io.github.cyclegan.messaging.MessageCodec;
import io.github.cyclegan.messaging.ModelVersion;
import io.github.cyclegan.messaging.TrainingEvent;
import io.github.cyclegan.messaging.TrainingJob;
import io.github.cyclegan.messaging.TrainingState;
import io.github.cyclegan.messaging.options.GeneratorArchitecture;
import io.github.cyclegan.model.GeneratorSpec;
import io.github.cyclegan.storage.ObjectStore;
import io.github.cyclegan.storage.S3Uri;
import io.github.cyclegan.versions.ModelVersions;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class TrainingJobTest {

    private final ObjectStore store = TestStack.store();

    @Test
    void trainsAJobThroughCheckpointsToAPublishedVersion(@TempDir Path dir) throws Exception {
        store.put("datasets/shapes/trainA/broken.png", "not an image".getBytes(), "image/png");
        TestStack.uploadImages(store, "datasets/shapes/trainA/", 'A', 4, 16);
        TestStack.uploadImages(store, "datasets/shapes/trainB/", 'B', 3, 16);
        TrainingJob job = new TrainingJob("shapes-1", "shapes", "s3://cyclegan/datasets/shapes/trainA/",
                "s3://cyclegan/datasets/shapes/trainB/", TestStack.tinyConfig());

        TestStack.publish("cyclegan.training.jobs", job.kafkaKey(), MessageCodec.toJson(job));
        List<TrainingEvent> events = TestStack.eventsUntilFinal(job.jobId());

        // 4 readable A images (the broken one skipped): 4 iterations per epoch, 2 epochs; checkpoints every 3
        // iterations (counted over the run) and at each epoch end.
        List<TrainingState> states = events.stream().map(TrainingEvent::state).distinct().toList();
        assertThat(states).containsExactly(TrainingState.ACCEPTED, TrainingState.RUNNING, TrainingState.CHECKPOINTED,
                TrainingState.COMPLETED);
        assertThat(events.get(1).iteration()).isZero();
        TrainingEvent progress = events.stream().filter(e -> e.state() == TrainingState.RUNNING && !e.losses().isEmpty())
                .reduce((a, b) -> b).orElseThrow();
        assertThat(progress.losses()).containsKeys("D_A", "G_A", "cycle_A", "idt_A", "D_B", "G_B", "cycle_B", "idt_B");
        assertThat(progress.imagesPerSecond()).isPositive();
        assertThat(progress.etaSeconds()).isNotNegative();
        assertThat(progress.sample()).startsWith("s3://cyclegan/models/shapes/samples/");
        assertThat(events.stream().filter(e -> e.state() == TrainingState.CHECKPOINTED).map(TrainingEvent::iteration))
                .containsExactly(3L, 4L, 6L, 8L);

        TrainingEvent completed = events.get(events.size() - 1);
        assertThat(completed.state()).isEqualTo(TrainingState.COMPLETED);
        assertThat(completed.iteration()).isEqualTo(8L);
        assertThat(completed.checkpoint()).isEqualTo("s3://cyclegan/models/shapes/checkpoints/000000008/");
        assertThat(completed.version()).isEqualTo(1L);
        assertThat(store.exists("models/shapes/checkpoints/000000008/progress.json")).isTrue();
        assertThat(store.exists("models/shapes/checkpoints/000000008/job.json")).isTrue();
        // keep-checkpoints 3: the first of the four folders is gone, the newest three are complete.
        assertThat(store.list("models/shapes/checkpoints/000000003/")).isEmpty();
        assertThat(List.of("000000004", "000000006", "000000008"))
                .allMatch(folder -> store.exists("models/shapes/checkpoints/" + folder + "/progress.json"));
        given().when().get("/q/metrics").then().statusCode(200)
                .body(matchesPattern("(?s).*cyclegan_training_images_skipped_total\\{domain=\"A\"[^}]*} [1-9].*"));
        assertThat(store.exists(store.keyOf(S3Uri.parse(progress.sample())))).isTrue();

        ModelVersion latest = MessageCodec.fromBytes(store.get("models/shapes/latest.json"), ModelVersion.class);
        assertThat(latest.version()).isEqualTo(1L);
        assertThat(latest.jobId()).isEqualTo("shapes-1");
        ModelVersion published = TopicWatcher.readAll(SharedLocalStack.get().kafkaBootstrapServers(), Topics.MODELS)
                .stream().filter(r -> "shapes".equals(r.key()))
                .map(r -> MessageCodec.fromJson(r.value(), ModelVersion.class)).findFirst().orElseThrow();
        assertThat(published.version()).isEqualTo(1L);
        assertThat(published.architecture().netG()).isEqualTo(GeneratorArchitecture.RESNET_6BLOCKS);
        assertThat(published.architecture().ngf()).isEqualTo(4);
        assertThat(published.generators().get(Direction.A_TO_B))
                .isEqualTo("s3://cyclegan/models/shapes/versions/1/G_A.safetensors");

        // The generators were copied from the last checkpoint with the digests taken while it was written.
        assertThat(store.exists("models/shapes/checkpoints/000000008/manifest.json")).isTrue();
        for (Direction direction : Direction.values()) {
            byte[] generator = store.get(store.keyOf(S3Uri.parse(published.generators().get(direction))));
            assertThat(generator).isEqualTo(store.get("models/shapes/checkpoints/000000008/"
                    + Network.generator(direction).fileName()));
            assertThat(published.sha256()).containsEntry(direction, ModelVersions.sha256(generator));
        }

        Path weights = dir.resolve("G_A.safetensors");
        Files.write(weights, store.get(store.keyOf(S3Uri.parse(published.generators().get(Direction.A_TO_B)))));
        GeneratorSpec spec = GeneratorSpec.defaults().withArchitecture(GeneratorArchitecture.RESNET_6BLOCKS).withNgf(4);
        try (GeneratorModel generator = GeneratorModel.fromFile(spec, weights)) {
            ChwImage out = generator.translate(new ChwImage(3, 16, 16, new float[3 * 16 * 16]));
            assertThat(out.height()).isEqualTo(16);
        }
    }

    @Test
    void cancelStopsTheJobWithAFinalCheckpointAndAResubmissionResumesFromIt() {
        TestStack.uploadImages(store, "datasets/cancel/trainA/", 'A', 4, 16);
        TestStack.uploadImages(store, "datasets/cancel/trainB/", 'B', 4, 16);
        Map<String, Object> config = new HashMap<>(TestStack.tinyConfig());
        config.put("nEpochs", 100);
        TrainingJob job = new TrainingJob("cancel-1", "cancel", "s3://cyclegan/datasets/cancel/trainA/",
                "s3://cyclegan/datasets/cancel/trainB/", config);

        TestStack.publish("cyclegan.training.jobs", job.kafkaKey(), MessageCodec.toJson(job));
        TestStack.eventsUntil(job.jobId(), e -> e.state() == TrainingState.RUNNING && !e.losses().isEmpty());
        TestStack.publish("cyclegan.training.control", job.jobId(), "{\"jobId\":\"cancel-1\",\"action\":\"cancel\"}");
        List<TrainingEvent> events = TestStack.eventsUntilFinal(job.jobId());

        TrainingEvent cancelled = events.get(events.size() - 1);
        assertThat(cancelled.state()).isEqualTo(TrainingState.CANCELLED);
        assertThat(cancelled.iteration()).isPositive().isLessThan(100L * 4);
        assertThat(cancelled.checkpoint()).isEqualTo(String.format("s3://cyclegan/models/cancel/checkpoints/%09d/",
                cancelled.iteration()));
        assertThat(store.exists(store.keyOf(S3Uri.parse(cancelled.checkpoint())) + "progress.json")).isTrue();

        // The same job again continues from the cancel's checkpoint instead of iteration 0.
        TestStack.publish("cyclegan.training.jobs", job.kafkaKey(), MessageCodec.toJson(job));
        TestStack.eventsUntil(job.jobId(), e -> e.state() == TrainingState.RUNNING && e.losses().isEmpty()
                && cancelled.iteration().equals(e.iteration()));
        TestStack.publish("cyclegan.training.control", job.jobId(), "{\"jobId\":\"cancel-1\",\"action\":\"cancel\"}");
        AtomicInteger cancels = new AtomicInteger();
        List<TrainingEvent> all = TestStack.eventsUntil(job.jobId(),
                e -> e.state() == TrainingState.CANCELLED && cancels.incrementAndGet() == 2);
        assertThat(all.get(all.size() - 1).iteration()).isGreaterThanOrEqualTo(cancelled.iteration());
    }

    @Test
    void initFromStartsANewModelFromAnotherModelsPublishedWeights() throws Exception {
        TestStack.uploadImages(store, "datasets/warm/trainA/", 'A', 2, 16);
        TestStack.uploadImages(store, "datasets/warm/trainB/", 'B', 2, 16);
        Map<String, Object> source = new HashMap<>(TestStack.tinyConfig());
        source.put("nEpochsDecay", 0);
        TrainingJob first = new TrainingJob("warm-source", "warm-source", "s3://cyclegan/datasets/warm/trainA/",
                "s3://cyclegan/datasets/warm/trainB/", source);
        TestStack.publish("cyclegan.training.jobs", first.kafkaKey(), MessageCodec.toJson(first));
        assertThat(last(TestStack.eventsUntilFinal(first.jobId())).state()).isEqualTo(TrainingState.COMPLETED);

        // Another seed initialises other weights, and a vanishing learning rate keeps the loaded ones:
        // the second model's generators can only equal the first's if they were loaded from it.
        Map<String, Object> tuned = new HashMap<>(source);
        tuned.put("seed", 99);
        tuned.put("lr", 1e-12);
        tuned.put("initFrom", "s3://cyclegan/models/warm-source/versions/1/");
        TrainingJob second = new TrainingJob("warm-tuned", "warm-tuned", first.datasetA(), first.datasetB(), tuned);
        TestStack.publish("cyclegan.training.jobs", second.kafkaKey(), MessageCodec.toJson(second));
        assertThat(last(TestStack.eventsUntilFinal(second.jobId())).state()).isEqualTo(TrainingState.COMPLETED);

        for (String network : List.of("G_A", "G_B")) {
            Map<String, NamedTensor> from = SafetensorsReader.read(
                    store.get("models/warm-source/versions/1/" + network + ".safetensors")).tensors();
            Map<String, NamedTensor> to = SafetensorsReader.read(
                    store.get("models/warm-tuned/versions/1/" + network + ".safetensors")).tensors();
            assertThat(to.keySet()).isEqualTo(from.keySet());
            from.forEach((key, tensor) -> assertThat(maxAbsDiff(tensor, to.get(key))).as("%s %s", network, key)
                    .isLessThan(1e-6));
        }
    }

    private static TrainingEvent last(List<TrainingEvent> events) {
        return events.get(events.size() - 1);
    }

    private static double maxAbsDiff(NamedTensor a, NamedTensor b) {
        float[] x = a.data();
        float[] y = b.data();
        assertThat(y).hasSameSizeAs(x);
        double max = 0;
        for (int i = 0; i < x.length; i++) {
            max = Math.max(max, Math.abs(x[i] - y[i]));
        }
        return max;
    }
}
