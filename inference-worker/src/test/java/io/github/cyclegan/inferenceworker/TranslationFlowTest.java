package io.github.cyclegan.inferenceworker;

import io.github.cyclegan.messaging.ModelVersion;
import io.github.cyclegan.versions.GeneratorFile;
import io.github.cyclegan.versions.ModelVersions;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import io.github.cyclegan.inferenceworker.models.ModelRegistry;
import io.github.cyclegan.inferenceworker.support.Images;
import io.github.cyclegan.inferenceworker.support.KafkaTestClient;
import io.github.cyclegan.inferenceworker.support.TestModels;
import io.github.cyclegan.localstack.LocalStackTestResource;
import io.github.cyclegan.messaging.Direction;
import io.github.cyclegan.messaging.MessageCodec;
import io.github.cyclegan.messaging.OutputOptions;
import io.github.cyclegan.messaging.TranslationRequest;
import io.github.cyclegan.messaging.TranslationResult;
import io.github.cyclegan.storage.ObjectStore;
import io.github.cyclegan.storage.S3Uri;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class TranslationFlowTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Inject
    ObjectStore store;
    @Inject
    ModelRegistry registry;

    private final KafkaTestClient kafka = KafkaTestClient.get();

    @Test
    void translatesAnOddSizedPngAndTheUrlServesTheStoredBytes() throws Exception {
        TestModels.publish(store, kafka, "flow", 1, EnumSet.allOf(Direction.class));
        TranslationResult result = translate("flow-odd", "flow", Direction.A_TO_B, Images.png(37, 23), null, null);

        assertOk(result, 37, 23);
        assertThat(result.output()).isEqualTo("s3://cyclegan/outputs/flow-odd.png");
        assertThat(result.timings()).containsKeys("queue", "fetch", "decode", "inference", "encode", "store", "total");
        byte[] stored = store.get(store.keyOf(S3Uri.parse(result.output())));
        HttpResponse<byte[]> fetched = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(result.url())).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(fetched.statusCode()).isEqualTo(200);
        assertThat(fetched.body()).isEqualTo(stored);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(stored));
        assertThat(image.getWidth()).isEqualTo(37);
        assertThat(image.getHeight()).isEqualTo(23);
    }

    @Test
    void handlesGrayJpegAlphaPngBothDirectionsAndJpegOutput() throws Exception {
        TestModels.publish(store, kafka, "flow", 1, EnumSet.allOf(Direction.class));
        byte[] grayJpeg = Images.encode(Images.gradient(20, 17, BufferedImage.TYPE_BYTE_GRAY), "jpeg");
        byte[] alphaPng = Images.encode(Images.gradient(15, 16, BufferedImage.TYPE_INT_ARGB), "png");

        TranslationResult gray = translate("flow-gray", "flow", Direction.B_TO_A, grayJpeg, null,
                new OutputOptions("jpeg", 80));
        TranslationResult alpha = translate("flow-alpha", "flow", Direction.A_TO_B, alphaPng, null, null);

        assertOk(gray, 20, 17);
        assertThat(gray.direction()).isEqualTo(Direction.B_TO_A);
        assertThat(gray.output()).endsWith("flow-gray.jpg");
        assertThat(ImageIO.read(new ByteArrayInputStream(store.get("outputs/flow-gray.jpg"))).getWidth()).isEqualTo(20);
        assertOk(alpha, 15, 16);
    }

    @Test
    void imagesOverThePixelBudgetAreTranslatedInTilesAtFullSize() throws IOException {
        TestModels.publish(store, kafka, "flow", 1, EnumSet.allOf(Direction.class));
        // 101x90 > max-pixels 4096 in tests: 64x64 tiles.
        TranslationResult result = translate("flow-tiled", "flow", Direction.A_TO_B, Images.png(101, 90), null, null);

        assertOk(result, 101, 90);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(store.get("outputs/flow-tiled.png")));
        assertThat(image.getWidth()).isEqualTo(101);
        assertThat(image.getHeight()).isEqualTo(90);
    }

    @Test
    void aRedeliveredRequestOverwritesTheSameOutput() {
        TestModels.publish(store, kafka, "flow", 1, EnumSet.allOf(Direction.class));
        TranslationResult first = translate("flow-again", "flow", Direction.A_TO_B, Images.png(16, 16), null, null);
        kafka.sendRequest("flow-again", MessageCodec.toJson(new TranslationRequest("flow-again", "flow",
                Direction.A_TO_B, "s3://cyclegan/inputs/flow-again.png")));
        awaitResultCount("flow-again", 2);

        List<TranslationResult> all = kafka.resultsFor("flow-again");
        assertThat(all).allSatisfy(r -> assertOk(r, 16, 16));
        assertThat(all).extracting(TranslationResult::output).containsOnly(first.output());
    }

    @Test
    void aPinnedVersionIsHonouredAndTheLatestServesTheRest() {
        TestModels.publish(store, kafka, "pinned", 1, Set.of(Direction.A_TO_B));
        TestModels.publish(store, kafka, "pinned", 2, Set.of(Direction.A_TO_B));
        awaitLatest("pinned", 2);

        TranslationResult pinned = translate("pin-1", "pinned", Direction.A_TO_B, Images.png(16, 16), 1L, null);
        TranslationResult latest = translate("pin-latest", "pinned", Direction.A_TO_B, Images.png(16, 16), null, null);

        assertOk(pinned, 16, 16);
        assertThat(pinned.version()).isEqualTo(1L);
        assertOk(latest, 16, 16);
        assertThat(latest.version()).isEqualTo(2L);
    }

    /**
     * Requests answered before the new version is published get version 1, requests sent once the worker knows
     * version 2 get 2, and those in flight during the swap get either; none fails. Each phase waits for an event,
     * not for time, so a slow machine changes nothing.
     */
    @Test
    void aVersionPublishedWhileRequestsFlowIsPickedUpWithoutFailures() {
        TestModels.publish(store, kafka, "swap", 1, Set.of(Direction.A_TO_B));
        awaitLatest("swap", 1);
        store.put("inputs/swap.png", Images.png(24, 24), "image/png");

        List<TranslationResult> before = sendSwapRequests(0, 10).stream().map(id -> kafka.awaitResult(id, TIMEOUT))
                .toList();
        TestModels.publish(store, kafka, "swap", 2, Set.of(Direction.A_TO_B));
        List<String> during = sendSwapRequests(10, 20);
        awaitLatest("swap", 2);
        List<String> after = sendSwapRequests(20, 30);

        assertThat(before).allSatisfy(r -> assertOk(r, 24, 24)).extracting(TranslationResult::version).containsOnly(1L);
        assertThat(during.stream().map(id -> kafka.awaitResult(id, TIMEOUT)).toList())
                .allSatisfy(r -> assertOk(r, 24, 24)).extracting(TranslationResult::version).isSubsetOf(1L, 2L);
        assertThat(after.stream().map(id -> kafka.awaitResult(id, TIMEOUT)).toList())
                .allSatisfy(r -> assertOk(r, 24, 24)).extracting(TranslationResult::version).containsOnly(2L);
    }

    private List<String> sendSwapRequests(int from, int to) {
        List<String> ids = new ArrayList<>();
        for (int i = from; i < to; i++) {
            String id = "swap-" + i;
            ids.add(id);
            kafka.sendRequest(id, MessageCodec.toJson(new TranslationRequest(id, "swap", Direction.A_TO_B,
                    "s3://cyclegan/inputs/swap.png")));
        }
        return ids;
    }

    @Test
    void aVersionStoredWithoutAnAnnouncementIsFoundByReconciling() {
        ModelVersions versions = new ModelVersions(store);
        kafka.publishModel(versions.publish("quiet", null, TestModels.ARCHITECTURE,
                Map.of(Direction.A_TO_B, new GeneratorFile.Upload(TestModels.weights(8)))));
        awaitLatest("quiet", 1);
        // A publisher that stored version 2 and died before announcing it.
        ModelVersion unannounced = versions.publish("quiet", null, TestModels.ARCHITECTURE,
                Map.of(Direction.A_TO_B, new GeneratorFile.Upload(TestModels.weights(9))));
        assertThat(unannounced.version()).isEqualTo(2L);
        assertThat(registry.latest("quiet").orElseThrow().version()).isEqualTo(1L);

        registry.reconcileWithStorage();

        assertThat(registry.latest("quiet")).contains(unannounced);
        assertOk(translate("quiet-1", "quiet", Direction.A_TO_B, Images.png(16, 16), null, null), 16, 16);
    }

    @Test
    void healthIsUpAndMetricsAreExported() {
        TestModels.publish(store, kafka, "flow", 1, EnumSet.allOf(Direction.class));
        assertOk(translate("flow-metrics", "flow", Direction.A_TO_B, Images.png(16, 16), null, null), 16, 16);

        given().get("/q/health/ready").then().statusCode(200).body(containsString("\"models\""));
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("cyclegan_inference_requests_total"))
                .body(containsString("cyclegan_inference_stage_seconds_bucket"))
                .body(containsString("cyclegan_inference_batch_size"))
                .body(containsString("cyclegan_inference_model_load_seconds"))
                .body(containsString("cyclegan_inference_models_loaded"));
    }

    private TranslationResult translate(String id, String model, Direction direction, byte[] image, Long version,
            OutputOptions output) {
        String input = "inputs/" + id + ".png";
        store.put(input, image, "application/octet-stream");
        kafka.sendRequest(id, MessageCodec.toJson(new TranslationRequest(1, id, model, direction,
                "s3://cyclegan/" + input, version, output)));
        return kafka.awaitResult(id, TIMEOUT);
    }

    private void awaitLatest(String model, long version) {
        await("version " + version + " of " + model).atMost(TIMEOUT)
                .until(() -> registry.latest(model).map(v -> v.version() >= version).orElse(false));
    }

    private void awaitResultCount(String id, int count) {
        await(count + " results for " + id).atMost(TIMEOUT).until(() -> kafka.resultsFor(id).size() >= count);
    }

    static void assertOk(TranslationResult result, int width, int height) {
        assertThat(result.error()).as("error of %s", result.requestId()).isNull();
        assertThat(result.status()).isEqualTo(TranslationResult.Status.OK);
        assertThat(result.width()).isEqualTo(width);
        assertThat(result.height()).isEqualTo(height);
    }
}
