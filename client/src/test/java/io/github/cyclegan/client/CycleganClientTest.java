package io.github.cyclegan.client;

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
import io.github.cyclegan.messaging.OutputOptions;
import io.github.cyclegan.messaging.Topics;
import io.github.cyclegan.messaging.TrainingEvent;
import io.github.cyclegan.messaging.TrainingJob;
import io.github.cyclegan.messaging.TrainingState;
import io.github.cyclegan.messaging.TranslationResult;
import io.github.cyclegan.model.CycleGanNetwork;
import io.github.cyclegan.model.GeneratorArchitecture;
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
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
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
        store.ensureBucket();
        // Published before the worker starts, so its start-up read of the models topic includes it.
        publishGenerator("client-tiny", 1);
        Map<String, String> env = new HashMap<>();
        env.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
        env.put("CYCLEGAN_INFERENCE_THREADS", "1");
        worker = PackagedApp.start(stack, WORKER_TARGET, Path.of("target/inference-worker.log"), env);
        client = new CycleganClient(settings().withTranslationTimeout(TRANSLATION_TIMEOUT));
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
        assertThat(result.error().code()).isEqualTo("MODEL_NOT_FOUND");
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
                Topics.TRANSLATION_RESULTS, Topics.TRAINING_JOBS, Topics.TRAINING_EVENTS, Topics.MODELS)
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
                Topics.TRANSLATION_RESULTS, Topics.TRAINING_JOBS, Topics.TRAINING_EVENTS, Topics.MODELS);
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
        publish(Topics.TRAINING_EVENTS, new TrainingEvent(Message.CURRENT_SCHEMA_VERSION, jobId, model,
                TrainingState.COMPLETED, 1, 10L, 10L, Map.of(), null, 3L, null, null, null, null, null));
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

    private static ClientSettings settings() {
        return ClientSettings.of(stack.kafkaBootstrapServers(),
                StorageSettings.of(stack.s3Endpoint(), stack.accessKey(), stack.secretKey()));
    }

    /** A tiny real generator, uploaded, announced as {@code version} of {@code model}. */
    private static void publishGenerator(String model, long version) throws IOException {
        String key = "models/" + model + "/versions/" + version + "/G_A.safetensors";
        Path file = Files.createTempFile("tiny-generator-", ".safetensors");
        try (NDManager manager = NDManager.newBaseManager()) {
            CycleGanNetwork network = Networks.generator(SPEC, manager, 7);
            WeightFiles.save(network, file, Map.of());
            store.put(key, Files.readAllBytes(file), "application/octet-stream");
        } finally {
            Files.deleteIfExists(file);
        }
        publish(Topics.MODELS, new ModelVersion(Message.CURRENT_SCHEMA_VERSION, model, version,
                Map.of(Direction.A_TO_B, store.uri(key).toString()), ARCHITECTURE, null, null));
    }

    private static void publishVersion(String model, long version) {
        publish(Topics.MODELS, new ModelVersion(Message.CURRENT_SCHEMA_VERSION, model, version,
                Map.of(Direction.A_TO_B, "s3://cyclegan/models/" + model + "/versions/" + version + "/G_A.safetensors"),
                ARCHITECTURE, null, null));
    }

    private static void publish(String topic, Message message) {
        Properties props = new Properties();
        props.put("bootstrap.servers", stack.kafkaBootstrapServers());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, message.kafkaKey(), MessageCodec.toJson(message))).get(30,
                    TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not publish to " + topic, e);
        }
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
