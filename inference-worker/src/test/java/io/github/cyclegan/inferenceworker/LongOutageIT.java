package io.github.cyclegan.inferenceworker;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cyclegan.inferenceworker.support.Images;
import io.github.cyclegan.inferenceworker.support.TestModels;
import io.github.cyclegan.localstack.FreePorts;
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
import io.github.cyclegan.versions.ModelVersions;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The long outages of RELIABILITY.md, with two packaged workers (separate JVMs, production settings) over a backlog of
 * 240 requests: storage stopped for 60 s, storage connections frozen for 60 s, the broker stopped for 30 s. Every
 * request must be answered OK, and a request answered twice (redelivered after a rebalance) must name an output whose
 * bytes, read as each result arrived, are the same. Each scenario prints its figures and appends them to
 * {@code target/reliability-figures.txt}.
 *
 * <p>Not part of {@code mvn verify} (minutes, not seconds): {@code mvn -B verify -pl inference-worker -am
 * -Plong-faults}.
 */
@Tag("long-faults")
class LongOutageIT {
    private static final int REQUESTS = 240;
    private static final int WORKERS = 2;
    private static final Duration STORAGE_OUTAGE = Duration.ofSeconds(60);
    private static final Duration BROKER_OUTAGE = Duration.ofSeconds(30);
    private static final Duration TIMEOUT = Duration.ofMinutes(6);
    private static final int IMAGE_SIZE = 128;

    private final LocalStack stack = SharedLocalStack.get();
    private final ObjectStore store = new ObjectStore(
            StorageSettings.of(stack.s3Endpoint(), stack.accessKey(), stack.secretKey()));
    private final Map<String, List<Observed>> results = new ConcurrentHashMap<>();
    private final List<Process> workers = new ArrayList<>();
    private final List<Integer> ports = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    /** Settings of a scenario on top of the workers' defaults. */
    private final Map<String, String> workerEnv = new java.util.HashMap<>();
    private TopicWatcher watcher;
    private String scenario;

    private record Observed(TranslationResult result, String sha256, long atNanos) {
    }

    @AfterEach
    void stop() throws InterruptedException {
        stack.heal();
        for (Process worker : workers) {
            worker.destroy();
            worker.waitFor(60, TimeUnit.SECONDS);
        }
        if (watcher != null) {
            watcher.close();
        }
    }

    @Test
    void storageStoppedFor60sDuringABacklogOverTwoWorkers() throws Exception {
        run("storage-stopped", STORAGE_OUTAGE, stack::stopS3, stack::startS3);
    }

    /**
     * A black hole: connections accepted, no byte passes. A call notices only through its call timeout, once per
     * attempt, so with the default (30 s × 4 attempts) a 60 s freeze ends before any request gives up; a 10 s call
     * timeout here lets the workers find storage down, wait at the gate, and probe through the freeze.
     */
    @Test
    void storageConnectionsFrozenFor60sDuringABacklogOverTwoWorkers() throws Exception {
        workerEnv.put("CYCLEGAN_STORAGE_CALL_TIMEOUT", "PT10S");
        run("storage-frozen", STORAGE_OUTAGE, () -> stack.s3Proxy().freeze(), () -> stack.s3Proxy().pass());
    }

    @Test
    void brokerStoppedFor30sDuringABacklogOverTwoWorkers() throws Exception {
        run("broker-stopped", BROKER_OUTAGE, stack::stopKafka, stack::startKafka);
    }

    private void run(String name, Duration outage, Runnable fault, Runnable heal) throws Exception {
        scenario = name;
        long start = System.nanoTime();
        store.ensureBucket();
        publishModel();
        List<String> inputs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String key = "inputs/" + scenario + "-" + i + ".png";
            store.put(key, Images.png(IMAGE_SIZE + i, IMAGE_SIZE), "image/png");
            inputs.add(store.uri(key).toString());
        }
        watcher = TopicWatcher.watch(stack.kafkaBootstrapServers(), this::observe, Topics.TRANSLATION_RESULTS);
        for (int i = 0; i < REQUESTS; i++) {
            String id = scenario + "-" + i;
            watcher.publish(Topics.TRANSLATION_REQUESTS, id, MessageCodec.toJson(new TranslationRequest(id, scenario,
                    Direction.A_TO_B, inputs.get(i % inputs.size()))));
        }
        for (int n = 1; n <= WORKERS; n++) {
            startWorker(n);
        }
        await(() -> results.size() >= 20, "the first results of the backlog");

        int answeredBefore = results.size();
        long faultStart = System.nanoTime();
        fault.run();
        long faultApplied = System.nanoTime();
        // The fault lasts its full time; meanwhile no result may be an error (results whose output was stored before
        // the fault may still arrive).
        Awaitility.await("no error during the outage").during(outage).atMost(outage.plusSeconds(30))
                .until(() -> errors().isEmpty());
        Map<String, String> duringMetrics = metrics();
        int answeredDuring = results.size() - answeredBefore;
        long healStart = System.nanoTime();
        heal.run();
        long healed = System.nanoTime();
        await(() -> results.size() == REQUESTS, "results for all " + REQUESTS + " requests");
        long end = System.nanoTime();
        Map<String, String> afterMetrics = metrics();

        int duplicates = results.values().stream().mapToInt(r -> r.size() - 1).sum();
        List<String> differing = results.entrySet().stream()
                .filter(e -> e.getValue().stream().map(Observed::sha256).distinct().count() > 1).map(Map.Entry::getKey)
                .sorted().toList();
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("scenario", scenario);
        figures.put("requests", REQUESTS);
        figures.put("workers", WORKERS);
        figures.put("image", (IMAGE_SIZE) + "x" + IMAGE_SIZE + " px PNG, ResNet-6 ngf 4");
        figures.put("outage_s", outage.toSeconds());
        figures.put("worker_settings", workerEnv.isEmpty() ? "defaults" : workerEnv);
        figures.put("fault_applied_ms", (faultApplied - faultStart) / 1_000_000);
        figures.put("answered_before_outage", answeredBefore);
        figures.put("answered_during_outage", answeredDuring);
        figures.put("backlog_at_outage", REQUESTS - answeredBefore);
        figures.put("heal_applied_ms", (healed - healStart) / 1_000_000);
        figures.put("last_answer_after_heal_s", String.format("%.1f", (end - healed) / 1e9));
        figures.put("total_s", String.format("%.1f", (end - start) / 1e9));
        figures.put("answered", results.size());
        figures.put("results", results.values().stream().mapToInt(List::size).sum());
        figures.put("duplicates", duplicates);
        figures.put("duplicates_with_differing_bytes", differing.size());
        figures.put("errors", errors().size());
        figures.put("metrics_during_outage", duringMetrics);
        figures.put("metrics_after", afterMetrics);
        report(figures);

        assertThat(errors()).as("ERROR results").isEmpty();
        assertThat(results).hasSize(REQUESTS);
        for (Map.Entry<String, List<Observed>> e : results.entrySet()) {
            assertThat(e.getValue()).as(e.getKey()).allSatisfy(o -> {
                assertThat(o.result().status()).isEqualTo(TranslationResult.Status.OK);
                assertThat(o.result().output()).isEqualTo(store.uri("outputs/" + e.getKey() + ".png").toString());
            });
        }
        assertThat(differing).as("requests whose duplicates differ in bytes").isEmpty();
    }

    private List<TranslationResult> errors() {
        return results.values().stream().flatMap(List::stream).map(Observed::result)
                .filter(r -> r.status() != TranslationResult.Status.OK).toList();
    }

    private void publishModel() {
        String key = "models/" + scenario + "/versions/1/G_A.safetensors";
        byte[] weights = TestModels.weights(11);
        store.put(key, weights, "application/octet-stream");
        ModelVersion version = new ModelVersion(1, scenario, 1L, Map.of(Direction.A_TO_B, store.uri(key).toString()),
                TestModels.ARCHITECTURE, null, null, Map.of(Direction.A_TO_B, ModelVersions.sha256(weights)));
        TopicWatcher.publish(stack.kafkaBootstrapServers(), Topics.MODELS, version.model(), MessageCodec.toJson(version));
    }

    private void observe(ConsumerRecord<String, String> record) {
        if (record.key() == null || !record.key().startsWith(scenario + "-")) {
            return;
        }
        TranslationResult result = MessageCodec.fromJson(record.value(), TranslationResult.class);
        String sha = "";
        if (result.status() == TranslationResult.Status.OK) {
            // A result that arrives during a storage outage (its output stored just before) is read once storage is
            // back; the watcher waits meanwhile.
            String key = store.keyOf(S3Uri.parse(result.output()));
            AtomicReference<String> read = new AtomicReference<>();
            Awaitility.await("the output of " + result.requestId()).atMost(TIMEOUT).pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofSeconds(1)).ignoreExceptions().until(() -> {
                        read.set(sha256(store.get(key)));
                        return true;
                    });
            sha = read.get();
        }
        results.computeIfAbsent(result.requestId(), k -> new CopyOnWriteArrayList<>())
                .add(new Observed(result, sha, System.nanoTime()));
    }

    private void startWorker(int n) throws IOException {
        int port = FreePorts.resolve("127.0.0.1", 0);
        Map<String, String> env = new java.util.HashMap<>();
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        env.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
        env.put("CYCLEGAN_INFERENCE_MAX_BATCH_SIZE", "2");
        env.put("CYCLEGAN_INFERENCE_MAX_IN_FLIGHT", "8");
        env.put("CYCLEGAN_INFERENCE_THREADS", "1");
        env.putAll(workerEnv);
        Path target = Path.of("target");
        Process process = PackagedApp.start(stack, target, target.resolve("long-outage-" + scenario + "-" + n + ".log"),
                env);
        // PackagedApp sets QUARKUS_HTTP_PORT=0 first; the map above replaces it, so the metrics can be read.
        workers.add(process);
        ports.add(port);
    }

    /** The workers' fault metrics, summed over the workers ("?" for a worker that does not answer). */
    private Map<String, String> metrics() {
        Map<String, Double> sums = new TreeMap<>();
        AtomicInteger unanswered = new AtomicInteger();
        for (int port : ports) {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/q/metrics")).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.ofString());
                response.body().lines()
                        .filter(l -> l.startsWith("cyclegan_inference_storage_unavailable")
                                || l.startsWith("cyclegan_inference_consumption_paused")
                                || l.startsWith("cyclegan_inference_requests_waiting")
                                || l.startsWith("cyclegan_inference_transient_faults_total")
                                || l.startsWith("cyclegan_inference_requests_total"))
                        .forEach(l -> {
                            int space = l.lastIndexOf(' ');
                            sums.merge(l.substring(0, space), Double.parseDouble(l.substring(space + 1)), Double::sum);
                        });
            } catch (IOException | RuntimeException e) {
                unanswered.incrementAndGet();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Map.of();
            }
        }
        Map<String, String> out = sums.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                e -> String.format("%.0f", e.getValue()), (a, b) -> a, TreeMap::new));
        out.put("health_live", health("live"));
        out.put("health_ready", health("ready"));
        if (unanswered.get() > 0) {
            out.put("workers_not_answering_metrics", String.valueOf(unanswered.get()));
        }
        return out;
    }

    /** Each worker's status code for {@code /q/health/{kind}}, e.g. "200,503". */
    private String health(String kind) {
        List<String> codes = new ArrayList<>();
        for (int port : ports) {
            try {
                codes.add(String.valueOf(http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/q/health/" + kind)).timeout(Duration.ofSeconds(10))
                        .build(), HttpResponse.BodyHandlers.discarding()).statusCode()));
            } catch (IOException | RuntimeException e) {
                codes.add("none");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                codes.add("interrupted");
            }
        }
        return String.join(",", codes);
    }

    private void report(Map<String, Object> figures) throws IOException {
        StringBuilder text = new StringBuilder("reliability figures\n");
        figures.forEach((k, v) -> text.append("  ").append(k).append(": ").append(v).append('\n'));
        System.out.print(text);
        Files.writeString(Path.of("target", "reliability-figures.txt"), text, StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
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
