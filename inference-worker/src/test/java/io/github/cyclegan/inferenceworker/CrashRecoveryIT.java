package io.github.cyclegan.inferenceworker;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cyclegan.inferenceworker.support.Images;
import io.github.cyclegan.inferenceworker.support.TestModels;
import io.github.cyclegan.localstack.LocalStack;
import io.github.cyclegan.localstack.PackagedApp;
import io.github.cyclegan.localstack.SharedLocalStack;
import io.github.cyclegan.localstack.TopicWatcher;
import io.github.cyclegan.messaging.Direction;
import io.github.cyclegan.messaging.MessageCodec;
import io.github.cyclegan.messaging.ModelVersion;
import io.github.cyclegan.messaging.Topics;
import io.github.cyclegan.messaging.TranslationRequest;
import io.github.cyclegan.messaging.TranslationResult;
import io.github.cyclegan.storage.ObjectStore;
import io.github.cyclegan.storage.S3Uri;
import io.github.cyclegan.storage.StorageSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The packaged worker as a separate JVM, killed with SIGKILL while it works through a backlog of requests: a second
 * worker answers everything the first left unanswered or uncommitted. Runs after {@code package} (second surefire
 * execution), in its own JVM with its own local stack, so no in-test Quarkus application competes for the requests.
 */
class CrashRecoveryIT {
    private static final int REQUESTS = 120;
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    private final LocalStack stack = SharedLocalStack.get();
    private final ObjectStore store = new ObjectStore(
            StorageSettings.of(stack.s3Endpoint(), stack.accessKey(), stack.secretKey()));
    /** Every result seen, per requestId, with the SHA-256 of its output object read as the result arrived. */
    private final Map<String, List<Observed>> results = new ConcurrentHashMap<>();
    private TopicWatcher watcher;

    private record Observed(TranslationResult result, String sha256) {
    }

    @AfterEach
    void stopWatching() throws InterruptedException {
        if (watcher != null) {
            watcher.close();
        }
    }

    @Test
    void everyRequestIsAnsweredAfterAWorkerIsKilledMidBacklog() throws Exception {
        store.ensureBucket();
        publishModel();
        byte[][] inputs = new byte[4][];
        for (int i = 0; i < inputs.length; i++) {
            inputs[i] = Images.png(24 + i, 24);
            store.put("inputs/crash-" + i + ".png", inputs[i], "image/png");
        }
        // Each output is read as its result arrives: a later duplicate overwrites the same object, so reading at
        // the end would compare the last write with itself.
        watcher = TopicWatcher.watch(stack.kafkaBootstrapServers(), this::observe, Topics.TRANSLATION_RESULTS);
        for (int i = 0; i < REQUESTS; i++) {
            TranslationRequest request = new TranslationRequest("crash-" + i, "crash", Direction.A_TO_B,
                    store.uri("inputs/crash-" + (i % inputs.length) + ".png").toString());
            watcher.publish(Topics.TRANSLATION_REQUESTS, request.kafkaKey(), MessageCodec.toJson(request));
        }

        Process first = startWorker(1);
        try {
            await(() -> results.size() >= 15, "the first worker's first results");
        } finally {
            first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(results.size()).as("requests answered when the first worker was killed").isLessThan(REQUESTS);

        Process second = startWorker(2);
        try {
            await(() -> results.size() == REQUESTS, "results for all " + REQUESTS + " requests");
        } finally {
            second.destroy();
            second.waitFor(60, TimeUnit.SECONDS);
        }

        for (int i = 0; i < REQUESTS; i++) {
            String requestId = "crash-" + i;
            List<Observed> seen = results.get(requestId);
            int width = 24 + i % inputs.length;
            assertThat(seen).as(requestId).allSatisfy(o -> {
                assertThat(o.result().status()).isEqualTo(TranslationResult.Status.OK);
                assertThat(o.result().output()).isEqualTo(store.uri("outputs/" + requestId + ".png").toString());
                assertThat(o.result().width()).isEqualTo(width);
            });
            assertThat(seen.stream().map(Observed::sha256).distinct()).as("output bytes of " + requestId).hasSize(1);
        }
    }

    private void publishModel() {
        String key = "models/crash/versions/1/G_A.safetensors";
        store.put(key, TestModels.weights(7), "application/octet-stream");
        ModelVersion version = new ModelVersion("crash", 1L, Map.of(Direction.A_TO_B, store.uri(key).toString()),
                TestModels.ARCHITECTURE, null);
        TopicWatcher.publish(stack.kafkaBootstrapServers(), Topics.MODELS, version.model(), MessageCodec.toJson(version));
    }

    private void observe(ConsumerRecord<String, String> record) {
        TranslationResult result = MessageCodec.fromJson(record.value(), TranslationResult.class);
        String sha = result.status() == TranslationResult.Status.OK
                ? sha256(store.get(store.keyOf(S3Uri.parse(result.output()))))
                : "";
        results.computeIfAbsent(result.requestId(), k -> new CopyOnWriteArrayList<>()).add(new Observed(result, sha));
    }

    private Process startWorker(int n) throws IOException {
        Map<String, String> env = new java.util.HashMap<>();
        env.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
        // The killed worker's partitions move to the next one only after its session times out (broker minimum 6 s).
        env.put("MP_MESSAGING_INCOMING_REQUESTS_SESSION_TIMEOUT_MS", "6000");
        // Small batches and few requests in flight keep the backlog long enough to be killed in the middle of it.
        env.put("CYCLEGAN_INFERENCE_MAX_BATCH_SIZE", "2");
        env.put("CYCLEGAN_INFERENCE_MAX_IN_FLIGHT", "4");
        env.put("CYCLEGAN_INFERENCE_THREADS", "1");
        Path target = Path.of("target");
        return PackagedApp.start(stack, target, target.resolve("crash-worker-" + n + ".log"), env);
    }

    private void await(BooleanSupplier condition, String what) {
        Awaitility.await(what).atMost(TIMEOUT).until(condition::getAsBoolean);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
