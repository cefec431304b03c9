package io.github.cyclegan.inferenceworker;

import static io.github.cyclegan.inferenceworker.TranslationFlowTest.assertOk;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.cyclegan.inferenceworker.support.Images;
import io.github.cyclegan.inferenceworker.support.KafkaTestClient;
import io.github.cyclegan.inferenceworker.support.TestModels;
import io.github.cyclegan.localstack.LocalStackTestResource;
import io.github.cyclegan.messaging.Direction;
import io.github.cyclegan.messaging.ErrorCode;
import io.github.cyclegan.messaging.MessageCodec;
import io.github.cyclegan.messaging.ModelVersion;
import io.github.cyclegan.messaging.TranslationRequest;
import io.github.cyclegan.messaging.TranslationResult;
import io.github.cyclegan.storage.ObjectStore;
import io.github.cyclegan.versions.ModelKeys;
import io.github.cyclegan.versions.ModelVersions;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A version whose weights are hostile or damaged is refused with MODEL_INVALID and a message that says why, and the
 * worker goes on serving a good model: nothing of the bad load stays behind in the model cache.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class HostileModelTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final AtomicLong VERSIONS = new AtomicLong();

    @Inject
    ObjectStore store;

    private final KafkaTestClient kafka = KafkaTestClient.get();

    @BeforeEach
    void goodModel() {
        TestModels.publish(store, kafka, "good", 1, EnumSet.allOf(Direction.class));
        store.put("inputs/hostile.png", Images.png(16, 16), "image/png");
    }

    /** name, the weight file, whether the version records its true SHA-256, what the message must say. */
    static Stream<Arguments> files() {
        byte[] good = TestModels.weights(5);
        return Stream.of(
                Arguments.of("changed-after-publication", good, false, "they were changed or damaged in storage"),
                Arguments.of("pytorch-pickle", pthZip(), true, "not a readable safetensors file"),
                Arguments.of("header-of-a-terabyte", header(1L << 40, "{}"), true, "not a readable safetensors file"),
                Arguments.of("tensor-larger-than-the-file",
                        header(-1, "{\"model.1.weight\":{\"dtype\":\"F32\",\"shape\":[100000,100000],"
                                + "\"data_offsets\":[0,40000000000]}}"),
                        true, "not a readable safetensors file"),
                Arguments.of("deeply-nested-header", header(-1, "[".repeat(100_000) + "]".repeat(100_000)), true,
                        "not a readable safetensors file"),
                Arguments.of("another-architecture", widerGenerator(), true, "do not fit the resnet_6blocks generator"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void isRefusedAndTheNextModelServes(String name, byte[] file, boolean trueDigest, String reason) {
        String model = "hostile-" + name;
        long version = VERSIONS.incrementAndGet();
        String key = ModelKeys.generator(model, version, Direction.A_TO_B);
        store.put(key, file, "application/octet-stream");
        String digest = trueDigest ? ModelVersions.sha256(file) : ModelVersions.sha256(new byte[] {1});
        kafka.publishModel(new ModelVersion(1, model, version, Map.of(Direction.A_TO_B, store.uri(key).toString()),
                TestModels.ARCHITECTURE, null, null, Map.of(Direction.A_TO_B, digest)));

        TranslationResult refused = translate(model + "-request", model);
        assertThat(refused.status()).isEqualTo(TranslationResult.Status.ERROR);
        assertThat(refused.error().code()).as(refused.error().message()).isEqualTo(ErrorCode.MODEL_INVALID);
        assertThat(refused.error().message()).contains(reason).contains(model);

        assertOk(translate(model + "-next", "good"), 16, 16);
        TranslationResult again = translate(model + "-again", model);
        assertThat(again.error().code()).as("refused again, not stuck loading").isEqualTo(ErrorCode.MODEL_INVALID);
    }

    private TranslationResult translate(String requestId, String model) {
        kafka.sendRequest(requestId, MessageCodec.toJson(new TranslationRequest(requestId, model, Direction.A_TO_B,
                "s3://cyclegan/inputs/hostile.png")));
        return kafka.awaitResult(requestId, TIMEOUT);
    }

    /** A safetensors file: its 8-byte little-endian header length ({@code -1}: the JSON's true length), the JSON. */
    private static byte[] header(long declaredLength, String json) {
        byte[] header = json.getBytes(StandardCharsets.UTF_8);
        ByteBuffer file = ByteBuffer.allocate(8 + header.length).order(ByteOrder.LITTLE_ENDIAN);
        file.putLong(declaredLength < 0 ? header.length : declaredLength).put(header);
        return file.array();
    }

    /** The layout of a PyTorch {@code torch.save} zip: what a worker must not unpickle. */
    private static byte[] pthZip() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("archive/data.pkl"));
            zip.write(new byte[] {(byte) 0x80, 2, '}', 'q', 0, '.'});
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** A real generator's weights, of another width (ngf 8) than the version declares (ngf 4). */
    private static byte[] widerGenerator() {
        return TestModels.weights(TestModels.SPEC.withNgf(8), 3);
    }
}
