package io.github.cyclegan.client;

import io.github.cyclegan.localstack.TopicWatcher;

import io.github.cyclegan.messaging.TrainingControl;
import io.github.cyclegan.versions.GeneratorFile;
import io.github.cyclegan.versions.VersionNotFoundException;
import io.github.cyclegan.weights.SafetensorsWriter;

import io.github.cyclegan.messaging.ErrorCode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import io.github.cyclegan.localstack.LocalStack;
import io.github.cyclegan.localstack.LocalStackExtension;
import io.github.cyclegan.localstack.PackagedApp;
import io.github.cyclegan.messaging.Direction;
import io.github.cyclegan.messaging.Message;
import io.github.cyclegan.messaging.MessageCodec;
import io.github.cyclegan.messaging.ModelArchitecture;
import io.github.cyclegan.messaging.ModelVersion;
import io.github.cyclegan.messaging.Network;
import io.github.cyclegan.messaging.OutputOptions;
import io.github.cyclegan.messaging.Topics;
import io.github.cyclegan.messaging.TrainingEvent;
import io.github.cyclegan.messaging.TrainingJob;
import io.github.cyclegan.messaging.TrainingState;
import io.github.cyclegan.messaging.TranslationResult;
import io.github.cyclegan.messaging.options.GeneratorArchitecture;
import io.github.cyclegan.model.GeneratorSpec;
import io.github.cyclegan.model.Networks;
import io.github.cyclegan.model.WeightFiles;
import io.github.cyclegan.storage.ObjectStore;
import io.github.cyclegan.storage.StorageSettings;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The client against a real broker, a real S3 server and the packaged inference worker (built by the
 * reactor before this module, which the root pom lists after it).
 */
@ExtendWith(LocalStackExtension.class)
class CycleganClientTest {

    private static final Path WORKER_TARGET = Path.of("../inference-worker/target");
    private static final ModelArchitecture ARCHITECTURE = new ModelArchitecture("resnet_6blocks", 4, "instance", 3, 3,
            false);
    private static final GeneratorSpec SPEC = GeneratorSpec.defaults()
            .withArchitecture(GeneratorArchitecture.RESNET_6BLOCKS).withNgf(4);
    /** The worker's first request waits for its start-up and the first generator load. */
    private static final Duration TRANSLATION_TIMEOUT = Duration.ofSeconds(120);

    private static LocalStack stack;
    private static ObjectStore store;
    private static Process worker;
    private static CycleganClient client;

    @BeforeAll
    static void start(LocalStack localStack) throws IOException {
        stack = localStack;
        Path jar = WORKER_TARGET.resolve("quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("the packaged inference worker is missing at " + jar.toAbsolutePath()
                    + "; build the reactor (mvn install) so inference-worker is packaged before client");
        }
        store = new ObjectStore(StorageSettings.of(stack.s3Endpoint(), stack.accessKey(), stack.secretKey()));
        client = new CycleganClient(settings().withTranslationTimeout(TRANSLATION_TIMEOUT));
        // Published before the worker starts, so its start-up read of the models topic includes it.
        publishGenerator("client-tiny");
        Map<String, String> env = new HashMap<>();
        env.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
        env.put("CYCLEGAN_INFERENCE_THREADS", "1");
        worker = PackagedApp.start(stack, WORKER_TARGET, Path.of("target/inference-worker.log"), env);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (client != null) {
            client.close();
        }
        if (worker != null) {
            worker.destroy();
            if (!worker.waitFor(60, TimeUnit.SECONDS)) {
                worker.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void translatesWithTheRealWorkerAndDownloadsTheOutput() throws Exception {
        TranslationResult result = client.translate(png(24, 24), "client-tiny", Direction.A_TO_B)
                .get(TRANSLATION_TIMEOUT.toSeconds() + 10, TimeUnit.SECONDS);

        assertThat(result.status()).as("result %s", result).isEqualTo(TranslationResult.Status.OK);
        assertThat(result.model()).isEqualTo("client-tiny");
        assertThat(result.version()).isEqualTo(1L);
        assertThat(result.width()).isEqualTo(24);
        assertThat(result.height()).isEqualTo(24);
        BufferedImage output = ImageIO.read(new ByteArrayInputStream(client.download(result)));
        assertThat(output.getWidth()).isEqualTo(24);
        assertThat(output.getHeight()).isEqualTo(24);
        String inputKey = "inputs/" + result.requestId();
        assertThat(store.stat(inputKey)).hasValueSatisfying(info -> assertThat(info.contentType()).isEqualTo("image/png"));
    }

    @Test
    void translatesWithAPinnedVersionToJpeg() throws Exception {
        TranslationResult result = client.translate(png(32, 24), "client-tiny", Direction.A_TO_B, 1L,
                new OutputOptions(OutputOptions.JPEG, 80)).get(TRANSLATION_TIMEOUT.toSeconds() + 10, TimeUnit.SECONDS);

        assertThat(result.status()).as("result %s", result).isEqualTo(TranslationResult.Status.OK);
        assertThat(result.version()).isEqualTo(1L);
        assertThat(result.output()).endsWith(".jpg");
        byte[] jpeg = client.download(result);
        assertThat(ImageTypes.contentType(jpeg)).isEqualTo("image/jpeg");
        BufferedImage output = ImageIO.read(new ByteArrayInputStream(jpeg));
        assertThat(output.getWidth()).isEqualTo(32);
        assertThat(output.getHeight()).isEqualTo(24);
    }

    @Test
    void anUnknownModelCompletesWithTheWorkersErrorResult() throws Exception {
        TranslationResult result = client.translate(png(24, 24), "no-such-model-" + UUID.randomUUID(), Direction.A_TO_B)
                .get(TRANSLATION_TIMEOUT.toSeconds() + 10, TimeUnit.SECONDS);

        assertThat(result.status()).isEqualTo(TranslationResult.Status.ERROR);
        assertThat(result.error().code()).isEqualTo(ErrorCode.MODEL_NOT_FOUND);
        assertThatThrownBy(() -> client.download(result)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsAnInvalidModelNameBeforeUploading() {
        assertThatThrownBy(() -> client.translate(png(24, 24), "no spaces/allowed", Direction.A_TO_B))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("model");
    }

    @Test
    void aRequestNobodyAnswersTimesOut() {
        // A requests topic no worker reads: the future can only end by the client's timeout.
        ClientSettings unanswered = settings().withTopics("client-test-unread-" + UUID.randomUUID(),
                Topics.TRANSLATION_RESULTS, Topics.TRAINING_JOBS, Topics.TRAINING_EVENTS, Topics.TRAINING_CONTROL,
                Topics.MODELS)
                .withTranslationTimeout(Duration.ofSeconds(2));
        try (CycleganClient shortClient = new CycleganClient(unanswered)) {
            assertThatThrownBy(() -> shortClient.translate(png(24, 24), "client-tiny", Direction.A_TO_B)
                    .get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(TimeoutException.class);
        }
    }

    @Test
    void closingFailsTranslationsStillWaiting() {
        ClientSettings unanswered = settings().withTopics("client-test-unread-" + UUID.randomUUID(),
                Topics.TRANSLATION_RESULTS, Topics.TRAINING_JOBS, Topics.TRAINING_EVENTS, Topics.TRAINING_CONTROL,
                Topics.MODELS);
        CycleganClient closing = new CycleganClient(unanswered);
        CompletableFuture<TranslationResult> waiting = closing.translate(png(24, 24), "client-tiny", Direction.A_TO_B);

        closing.close();

        assertThatThrownBy(() -> waiting.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(IllegalStateException.class);
        assertThatThrownBy(closing::models).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    @Test
    void followsATrainingJobUntilItsFinalEvent() {
        String model = "client-train-" + UUID.randomUUID();
        TrainingJob job = new TrainingJob("job-" + UUID.randomUUID(), model, "s3://cyclegan/datasets/a/",
                "s3://cyclegan/datasets/b/", Map.of("nEpochs", 1));

        String jobId = client.submitTraining(job);

        assertThat(jobId).isEqualTo(job.jobId());
        // The training worker is not under test: the events it would publish, plus another job's event
        // that the stream must leave out, and one after the final event that it must not wait for.
        publish(Topics.TRAINING_EVENTS, TrainingEvent.of(jobId, model, TrainingState.ACCEPTED));
        publish(Topics.TRAINING_EVENTS, TrainingEvent.of("other-" + UUID.randomUUID(), model, TrainingState.RUNNING));
        publish(Topics.TRAINING_EVENTS, TrainingEvent.of(jobId, model, TrainingState.RUNNING));
        publish(Topics.TRAINING_EVENTS, TrainingEvent.builder(jobId, model, TrainingState.COMPLETED).epoch(1)
                .iteration(10, 10).version(3L).build());
        publish(Topics.TRAINING_EVENTS, TrainingEvent.of(jobId, model, TrainingState.RUNNING));

        List<TrainingEvent> events;
        try (Stream<TrainingEvent> stream = client.trainingEvents(jobId)) {
            events = stream.toList();
        }
        assertThat(events).extracting(TrainingEvent::state)
                .containsExactly(TrainingState.ACCEPTED, TrainingState.RUNNING, TrainingState.COMPLETED);
        assertThat(events.get(2).version()).isEqualTo(3L);
    }

    @Test
    void modelsListsTheLatestVersionOfEachModel() {
        String model = "client-models-" + UUID.randomUUID();
        publishVersion(model, 1);
        publishVersion(model, 2);

        Map<String, ModelVersion> models = client.models();

        assertThat(models.get(model)).isNotNull().extracting(ModelVersion::version).isEqualTo(2L);
        assertThat(models).containsKey("client-tiny");
    }

    @Test
    void translatesAnUploadedInputMoreThanOnce() throws Exception {
        String input = client.uploadInput(png(16, 16));

        TranslationResult first = client.translateStored(input, "client-tiny", Direction.A_TO_B, null, null)
                .get(TRANSLATION_TIMEOUT.toSeconds() + 10, TimeUnit.SECONDS);
        TranslationResult second = client.translateStored(input, "client-tiny", Direction.A_TO_B, null, null)
                .get(TRANSLATION_TIMEOUT.toSeconds() + 10, TimeUnit.SECONDS);

        assertThat(first.status()).as("result %s", first).isEqualTo(TranslationResult.Status.OK);
        assertThat(second.requestId()).isNotEqualTo(first.requestId());
        assertThat(client.download(second)).isEqualTo(client.download(first));
    }

    @Test
    void followsOnlyTheRunSubmittedAfterThePositionWasTaken() {
        String model = "client-rerun-" + UUID.randomUUID();
        String jobId = "job-" + UUID.randomUUID();
        // An earlier run of the same job id ended; a follower of the new run must not stop at its final event.
        publish(Topics.TRAINING_EVENTS, TrainingEvent.builder(jobId, model, TrainingState.CANCELLED).build());
        EventPosition from = client.trainingEventsEnd();
        client.submitTraining(new TrainingJob(jobId, model, "s3://cyclegan/datasets/a/", "s3://cyclegan/datasets/b/",
                Map.of()));
        publish(Topics.TRAINING_EVENTS, TrainingEvent.of(jobId, model, TrainingState.ACCEPTED));
        publish(Topics.TRAINING_EVENTS, TrainingEvent.builder(jobId, model, TrainingState.COMPLETED).version(1L).build());

        try (Stream<TrainingEvent> events = client.trainingEvents(jobId, from)) {
            assertThat(events.map(TrainingEvent::state)).containsExactly(TrainingState.ACCEPTED,
                    TrainingState.COMPLETED);
        }
    }

    @Test
    void listsJobsWithTheirLatestStateAndCancelsThroughTheControlTopic() {
        String model = "client-jobs-" + UUID.randomUUID();
        String queued = "queued-" + UUID.randomUUID();
        String running = "running-" + UUID.randomUUID();
        client.submitTraining(new TrainingJob(queued, model, "s3://cyclegan/datasets/a/", "s3://cyclegan/datasets/b/",
                Map.of()));
        client.submitTraining(new TrainingJob(running, model, "s3://cyclegan/datasets/a/", "s3://cyclegan/datasets/b/",
                Map.of()));
        publish(Topics.TRAINING_EVENTS, TrainingEvent.builder(running, model, TrainingState.RUNNING).iteration(5, 50)
                .build());

        client.cancelTraining(running);

        Map<String, TrainingJobStatus> jobs = new HashMap<>();
        client.trainingJobs().forEach(job -> jobs.put(job.jobId(), job));
        assertThat(jobs.get(queued).state()).isEqualTo("QUEUED");
        assertThat(jobs.get(queued).lastEvent()).isEmpty();
        assertThat(jobs.get(running).state()).isEqualTo("RUNNING");
        assertThat(jobs.get(running).lastEvent().orElseThrow().iteration()).isEqualTo(5L);
        assertThat(TopicWatcher.readAll(stack.kafkaBootstrapServers(), Topics.TRAINING_CONTROL))
                .extracting(ConsumerRecord::value).contains(MessageCodec.toJson(TrainingControl.cancel(running)));
    }

    @Test
    void publishesVersionsListsThemAndDownloadsTheirGenerators() {
        String model = "client-publish-" + UUID.randomUUID();
        ModelVersion first = publishGenerator(model);
        ModelVersion second = client.publishVersion(model, ARCHITECTURE, Map.of(Direction.B_TO_A,
                new GeneratorFile.Upload(client.downloadGenerator(first, Direction.A_TO_B)), Direction.A_TO_B,
                new GeneratorFile.Existing(first.generators().get(Direction.A_TO_B),
                        first.sha256().get(Direction.A_TO_B))));

        assertThat(List.of(first.version(), second.version())).containsExactly(1L, 2L);
        assertThat(client.modelVersions(model)).containsExactly(first, second);
        assertThat(client.latestVersion(model)).contains(second);
        assertThat(client.modelVersion(model, 1L)).isEqualTo(first);
        assertThat(client.modelExists(model)).isTrue();
        assertThat(client.models().get(model)).isEqualTo(second);
        assertThat(client.downloadGenerator(second, Direction.B_TO_A))
                .isEqualTo(client.downloadGenerator(first, Direction.A_TO_B));
        assertThat(second.sha256()).containsOnlyKeys(Direction.A_TO_B, Direction.B_TO_A);
        assertThatThrownBy(() -> client.modelVersion(model, 9L)).isInstanceOf(VersionNotFoundException.class)
                .hasMessage("model " + model + " has no version 9");
        assertThat(client.modelExists("client-no-such-model")).isFalse();
    }

    @Test
    void keepsDatasetsInTheReferenceLayout() {
        String dataset = "client-set-" + UUID.randomUUID();
        Datasets datasets = client.datasets();
        datasets.put(dataset, "trainA", "a1.png", png(8, 8));
        datasets.put(dataset, "trainA", "a2.png", png(8, 8));
        datasets.put(dataset, "trainB", "b1.png", png(8, 8));

        assertThat(datasets.uri(dataset, "trainA")).isEqualTo("s3://cyclegan/datasets/" + dataset + "/trainA/");
        assertThat(datasets.files(dataset, "trainA")).containsExactly("a1.png", "a2.png");
        assertThat(datasets.deleteAllBut(dataset, "trainA", java.util.Set.of("a2.png"))).isEqualTo(1);
        assertThat(datasets.files(dataset, "trainA")).containsExactly("a2.png");
        assertThat(datasets.summary().get(dataset)).containsEntry("trainA", 1).containsEntry("trainB", 1);
        assertThat(datasets.read(dataset, "trainB", "b1.png")).isEqualTo(png(8, 8));
        assertThatThrownBy(() -> datasets.uri(dataset, "validation")).hasMessageContaining("trainA");
        assertThatThrownBy(() -> datasets.uri("a/b", "trainA")).hasMessageContaining("one path segment");
    }

    @Test
    void stagesWeightsForAJobToStartFrom() {
        String folder = client.stageWeights("client-stage", Map.of(Network.G_A, new byte[] {1, 2}, Network.G_B, new byte[] {3}));

        assertThat(folder).isEqualTo("s3://cyclegan/staged/client-stage/");
        assertThat(client.fetch(folder + "G_B.safetensors")).containsExactly(3);
    }

    private static ClientSettings settings() {
        return ClientSettings.of(stack.kafkaBootstrapServers(),
                StorageSettings.of(stack.s3Endpoint(), stack.accessKey(), stack.secretKey()));
    }

    /** A tiny real generator, published as the next version of {@code model} the way models import does. */
    private static ModelVersion publishGenerator(String model) {
        try (NDManager manager = NDManager.newBaseManager()) {
            byte[] weights = SafetensorsWriter.toBytes(WeightFiles.tensors(Networks.generator(SPEC, manager, 7)),
                    Map.of());
            return client.publishVersion(model, ARCHITECTURE, Map.of(Direction.A_TO_B,
                    new GeneratorFile.Upload(weights)));
        }
    }

    private static void publishVersion(String model, long version) {
        publish(Topics.MODELS, new ModelVersion(model, version, Map.of(Direction.A_TO_B, "s3://cyclegan/models/"
                + model + "/versions/" + version + "/G_A.safetensors"), ARCHITECTURE, null));
    }

    private static void publish(String topic, Message message) {
        TopicWatcher.publish(stack.kafkaBootstrapServers(), topic, message.kafkaKey(), MessageCodec.toJson(message));
    }

    private static byte[] png(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, (x * 10) << 16 | (y * 10) << 8 | 128);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }
}
