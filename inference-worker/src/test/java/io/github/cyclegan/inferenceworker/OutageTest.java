package io.github.cyclegan.inferenceworker;

import static io.github.cyclegan.inferenceworker.TranslationFlowTest.assertOk;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import io.github.cyclegan.inferenceworker.faults.StorageOutage;
import io.github.cyclegan.inferenceworker.faults.WaitingRequests;
import io.github.cyclegan.inferenceworker.faults.WaitingRequests.Reason;
import io.github.cyclegan.inferenceworker.support.Images;
import io.github.cyclegan.inferenceworker.support.KafkaTestClient;
import io.github.cyclegan.inferenceworker.support.TestModels;
import io.github.cyclegan.localstack.LocalStack;
import io.github.cyclegan.localstack.LocalStackTestResource;
import io.github.cyclegan.localstack.SharedLocalStack;
import io.github.cyclegan.localstack.TopicWatcher;
import io.github.cyclegan.messaging.Direction;
import io.github.cyclegan.messaging.MessageCodec;
import io.github.cyclegan.messaging.Topics;
import io.github.cyclegan.messaging.TranslationRequest;
import io.github.cyclegan.messaging.TranslationResult;
import io.github.cyclegan.storage.ObjectStore;
import io.github.cyclegan.storage.S3Uri;
import io.github.cyclegan.storage.StorageSettings;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real infrastructure faults under the test worker, each during a small backlog: storage stopped, the broker stopped,
 * storage connections frozen by the fault proxy. No request is answered while the fault lasts, none is answered with
 * an error, and every request is answered OK once the fault is over; duplicates (from redelivery) name the same output
 * with the same bytes, read as each result arrives. Every wait is for an event, never for a time: the worker's own
 * state (storage known down, requests waiting) tells when the fault has been met.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class OutageTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final String PREFIX = "outage-";

    /** Every result of a request of this class, with the SHA-256 of its output read as the result arrived. */
    private static final Map<String, List<Observed>> RESULTS = new ConcurrentHashMap<>();
    private static TopicWatcher results;
    private static ObjectStore reader;

    @Inject
    ObjectStore store;
    @Inject
    StorageOutage storage;
    @Inject
    WaitingRequests waiting;

    private final LocalStack stack = SharedLocalStack.get();
    private final KafkaTestClient kafka = KafkaTestClient.get();

    private record Observed(TranslationResult result, String sha256) {
    }

    @BeforeAll
    static void watchResults() {
        LocalStack stack = SharedLocalStack.get();
        reader = new ObjectStore(StorageSettings.of(stack.s3Endpoint(), stack.accessKey(), stack.secretKey()));
        results = TopicWatcher.watch(SharedLocalStack.get().kafkaBootstrapServers(), OutageTest::observe,
                Topics.TRANSLATION_RESULTS);
    }

    @AfterAll
    static void stopWatching() throws InterruptedException {
        results.close();
    }

    @AfterEach
    void heal() {
        stack.heal();
        await("storage available again").atMost(TIMEOUT).until(storage::isAvailable);
    }

    @Test
    void storageStoppedDuringABacklogHoldsEveryRequestAndAnswersThemAllOkOnceItIsBack() {
        List<String> inputs = prepare("s3down");

        stack.stopS3();
        List<String> ids = send("s3down", 20, inputs);
        await("the worker meets the outage").atMost(TIMEOUT)
                .until(() -> !storage.isAvailable() && waiting.count(Reason.STORAGE) > 0);
        // Past the outage patience (PT4S in tests) liveness turns DOWN, so that a pod would be restarted.
        await("liveness DOWN after the patience").atMost(TIMEOUT)
                .until(() -> given().get("/q/health/live").statusCode() == 503);
        given().get("/q/health/live").then().body(containsString("longer than the outage patience"))
                .body(containsString("\"storageAvailable\": false"));
        given().get("/q/metrics").then().body(containsString("cyclegan_inference_storage_unavailable 1.0"));
        assertThat(answered(ids)).as("requests answered while storage was down").isEmpty();

        stack.startS3();

        assertAllAnsweredOk(ids);
        await("liveness UP again").atMost(TIMEOUT).until(() -> given().get("/q/health/live").statusCode() == 200);
        given().get("/q/metrics").then()
                .body(containsString("cyclegan_inference_transient_faults_total{dependency=\"storage\"}"))
                .body(containsString("cyclegan_inference_storage_unavailable 0.0"))
                .body(containsString("cyclegan_inference_requests_waiting{reason=\"storage\"} 0.0"));
    }

    @Test
    void resultsThatTheStoppedBrokerDidNotTakeArePublishedOnceItIsBack() {
        List<String> inputs = prepare("kafkadown");
        // Storage down first holds the requests in the worker, so that the broker is gone while they are answered.
        stack.stopS3();
        List<String> ids = send("kafkadown", 10, inputs);
        await("requests held by the storage outage").atMost(TIMEOUT)
                .until(() -> waiting.count(Reason.STORAGE) > 0);

        stack.stopKafka();
        stack.startS3();
        // The producer gives up after delivery.timeout.ms (4 s in tests); the worker keeps the result to publish again.
        await("a result the broker did not take").atMost(TIMEOUT).until(() -> waiting.count(Reason.BROKER) > 0);

        stack.startKafka();

        assertAllAnsweredOk(ids);
        await("no request waits").atMost(TIMEOUT)
                .until(() -> waiting.count(Reason.BROKER) == 0 && waiting.count(Reason.STORAGE) == 0);
        given().get("/q/metrics").then()
                .body(containsString("cyclegan_inference_transient_faults_total{dependency=\"broker\"}"));
    }

    @Test
    void frozenStorageConnectionsTimeOutAndTheRequestsAreAnsweredOkOnceTheyPassAgain() {
        List<String> inputs = prepare("frozen");

        stack.s3Proxy().freeze();
        List<String> ids = send("frozen", 10, inputs);
        // Each storage call gives up after the call timeout (PT2S in tests), not the MinIO client's 5 minutes.
        await("the worker meets the hung storage").atMost(TIMEOUT)
                .until(() -> !storage.isAvailable() && waiting.count(Reason.STORAGE) > 0);
        assertThat(answered(ids)).as("requests answered while storage was frozen").isEmpty();

        stack.s3Proxy().pass();

        assertAllAnsweredOk(ids);
    }

    /** Publishes a model of its own for the scenario and uploads its inputs while storage is up. */
    private List<String> prepare(String scenario) {
        TestModels.publish(store, kafka, PREFIX + scenario, 1, Set.of(Direction.A_TO_B));
        List<String> inputs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String key = "inputs/" + PREFIX + scenario + "-" + i + ".png";
            store.put(key, Images.png(20 + i, 18), "image/png");
            inputs.add(store.uri(key).toString());
        }
        return inputs;
    }

    private List<String> send(String scenario, int count, List<String> inputs) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = PREFIX + scenario + "-" + i;
            ids.add(id);
            kafka.sendRequest(id, MessageCodec.toJson(new TranslationRequest(id, PREFIX + scenario, Direction.A_TO_B,
                    inputs.get(i % inputs.size()))));
        }
        return ids;
    }

    private static List<String> answered(List<String> ids) {
        return ids.stream().filter(RESULTS::containsKey).toList();
    }

    private static void assertAllAnsweredOk(List<String> ids) {
        await(ids.size() + " requests answered").atMost(TIMEOUT).until(() -> answered(ids).size() == ids.size());
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            int width = 20 + i % 4;
            List<Observed> seen = RESULTS.get(id);
            assertThat(seen).as(id).allSatisfy(o -> assertOk(o.result(), width, 18));
            assertThat(seen.stream().map(Observed::sha256).distinct()).as("output bytes of " + id).hasSize(1);
        }
    }

    private static void observe(ConsumerRecord<String, String> record) {
        if (record.key() == null || !record.key().startsWith(PREFIX)) {
            return;
        }
        TranslationResult result = MessageCodec.fromJson(record.value(), TranslationResult.class);
        String sha = "";
        if (result.status() == TranslationResult.Status.OK) {
            try {
                sha = sha256(reader.get(reader.keyOf(S3Uri.parse(result.output()))));
            } catch (RuntimeException e) {
                sha = "unreadable: " + e;
            }
        }
        RESULTS.computeIfAbsent(result.requestId(), k -> new CopyOnWriteArrayList<>()).add(new Observed(result, sha));
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
