package io.github.cyclegan.inferenceworker;

import static io.github.cyclegan.inferenceworker.TranslationFlowTest.assertOk;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.cyclegan.inferenceworker.support.Images;
import io.github.cyclegan.inferenceworker.support.KafkaTestClient;
import io.github.cyclegan.inferenceworker.support.TestModels;
import io.github.cyclegan.localstack.LocalStackTestResource;
import io.github.cyclegan.messaging.Direction;
import io.github.cyclegan.messaging.MessageCodec;
import io.github.cyclegan.messaging.TranslationRequest;
import io.github.cyclegan.messaging.TranslationResult;
import io.github.cyclegan.storage.ObjectStore;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each bad input gets its error code (or the dead-letter topic), and the worker still serves the next request. */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class BadInputTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String DLQ = "DLQ";

    @Inject
    ObjectStore store;

    private final KafkaTestClient kafka = KafkaTestClient.get();

    @BeforeEach
    void models() {
        TestModels.publish(store, kafka, "bad", 1, EnumSet.allOf(Direction.class));
        TestModels.publish(store, kafka, "oneway", 1, Set.of(Direction.A_TO_B));
        store.put("inputs/good.png", Images.png(16, 16), "image/png");
    }

    /** name, object to upload under inputs/{name} (null: none), request JSON ({id} and {input} filled in), code. */
    static Stream<Arguments> cases() {
        byte[] png = Images.png(16, 16);
        return Stream.of(
                Arguments.of("malformed-json", null, "{\"requestId\": \"{id}\", \"model\": ", DLQ),
                Arguments.of("not-an-object", null, "[\"{id}\"]", DLQ),
                Arguments.of("missing-model", null, "{\"requestId\": \"{id}\", \"input\": \"{input}\"}", "INVALID_REQUEST"),
                Arguments.of("missing-input", null, "{\"requestId\": \"{id}\", \"model\": \"bad\"}", "INVALID_REQUEST"),
                Arguments.of("bad-direction", png, request("bad", "\"direction\": \"sideways\""), "INVALID_REQUEST"),
                Arguments.of("bad-output-format", png, request("bad", "\"output\": {\"format\": \"webp\"}"),
                        "INVALID_REQUEST"),
                Arguments.of("non-s3-uri", null,
                        "{\"requestId\": \"{id}\", \"model\": \"bad\", \"input\": \"http://example.com/a.png\"}",
                        "INVALID_INPUT_URI"),
                Arguments.of("dot-dot-key", null,
                        "{\"requestId\": \"{id}\", \"model\": \"bad\", \"input\": \"s3://cyclegan/inputs/../secret.png\"}",
                        "INVALID_INPUT_URI"),
                Arguments.of("prefix-not-object", null,
                        "{\"requestId\": \"{id}\", \"model\": \"bad\", \"input\": \"s3://cyclegan/inputs/\"}",
                        "INVALID_INPUT_URI"),
                Arguments.of("other-bucket", null,
                        "{\"requestId\": \"{id}\", \"model\": \"bad\", \"input\": \"s3://other-bucket/inputs/a.png\"}",
                        "INPUT_OUTSIDE_BUCKET"),
                Arguments.of("missing-object", null, request("bad", null), "INPUT_NOT_FOUND"),
                Arguments.of("empty-object", new byte[0], request("bad", null), "IMAGE_EMPTY"),
                Arguments.of("random-bytes", random(2048), request("bad", null), "IMAGE_UNREADABLE"),
                Arguments.of("text-file", "hello, I am not an image\n".getBytes(StandardCharsets.UTF_8),
                        request("bad", null), "IMAGE_UNREADABLE"),
                Arguments.of("truncated-png", Arrays.copyOf(png, png.length / 2), request("bad", null),
                        "IMAGE_UNREADABLE"),
                Arguments.of("declares-100000x100000", Images.pngHeaderDeclaring(100_000, 100_000),
                        request("bad", null), "IMAGE_TOO_LARGE"),
                Arguments.of("over-hard-limit", Images.png(201, 200), request("bad", null), "IMAGE_TOO_LARGE"),
                Arguments.of("tiff-not-accepted",
                        Images.encode(Images.gradient(8, 8, BufferedImage.TYPE_INT_RGB), "tiff"),
                        request("bad", null), "IMAGE_UNSUPPORTED_FORMAT"),
                Arguments.of("unknown-model", png, request("no-such-model", null), "MODEL_NOT_FOUND"),
                Arguments.of("unknown-pinned-version", png, request("bad", "\"version\": 99"), "MODEL_VERSION_NOT_FOUND"),
                Arguments.of("direction-not-available", png, request("oneway", "\"direction\": \"BtoA\""),
                        "DIRECTION_NOT_AVAILABLE"));
    }

    @ParameterizedTest(name = "{0} -> {3}")
    @MethodSource("cases")
    void isAnsweredWithItsCodeAndTheNextRequestSucceeds(String name, byte[] object, String template, String code) {
        String id = "bad-" + name;
        String input = "inputs/" + id;
        if (object != null) {
            store.put(input, object, "application/octet-stream");
        }
        kafka.sendRequest(id, template.replace("{id}", id).replace("{input}", "s3://cyclegan/" + input));

        if (code.equals(DLQ)) {
            ConsumerRecord<String, String> dead = kafka.awaitDeadLetter(id, TIMEOUT);
            Header reason = dead.headers().lastHeader("dead-letter-reason");
            assertThat(reason).as("dead-letter-reason header").isNotNull();
            assertThat(new String(reason.value(), StandardCharsets.UTF_8)).contains("TranslationRequest");
            assertThat(kafka.resultsFor(id)).isEmpty();
        } else {
            TranslationResult result = kafka.awaitResult(id, TIMEOUT);
            assertThat(result.status()).isEqualTo(TranslationResult.Status.ERROR);
            assertThat(result.error().code().name()).as(result.error().message()).isEqualTo(code);
            assertThat(result.error().message()).isNotBlank();
        }

        String next = id + "-next";
        kafka.sendRequest(next, MessageCodec.toJson(new TranslationRequest(next, "bad", Direction.A_TO_B,
                "s3://cyclegan/inputs/good.png")));
        assertOk(kafka.awaitResult(next, TIMEOUT), 16, 16);
    }

    private static String request(String model, String extraField) {
        return "{\"requestId\": \"{id}\", \"model\": \"" + model + "\", \"input\": \"{input}\""
                + (extraField == null ? "" : ", " + extraField) + "}";
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new java.util.Random(42).nextBytes(bytes);
        return bytes;
    }
}
