package io.github.cyclegan.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class MessageCodecTest {

    static final Instant T = Instant.parse("2026-11-28T12:00:00.123Z");

    static Stream<Message> messages() {
        return Stream.of(
                new TrainingJob("job-1", "horse2zebra", "s3://cyclegan/datasets/h2z/trainA/",
                        "s3://cyclegan/datasets/h2z/trainB/", Map.of("netG", "resnet_6blocks", "ngf", 32, "lr", 2.0e-4)),
                new TrainingEvent(1, "job-1", "horse2zebra", TrainingState.CHECKPOINTED, 3, 1200L, 4000L,
                        Map.of("G_A", 0.41, "D_A", 0.22), "s3://cyclegan/models/horse2zebra/checkpoints/3/", 3L, 7.5, 600L,
                        "s3://cyclegan/models/horse2zebra/samples/1200.png", null, "training-worker-7c9f", T),
                new ModelVersion(1, "horse2zebra", 3L,
                        Map.of(Direction.A_TO_B, "s3://cyclegan/models/horse2zebra/versions/3/G_A.safetensors",
                                Direction.B_TO_A, "s3://cyclegan/models/horse2zebra/versions/3/G_B.safetensors"),
                        ModelArchitecture.referenceDefault(), "job-1", T,
                        Map.of(Direction.A_TO_B, "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")),
                new TranslationRequest(1, "req-42", "horse2zebra", Direction.B_TO_A, "s3://cyclegan/inputs/req-42.jpg", 3L,
                        new OutputOptions("jpeg", 85)),
                TranslationResult.ok("req-42", "horse2zebra", 3, Direction.A_TO_B, "s3://cyclegan/outputs/req-42.png",
                        "http://127.0.0.1:9000/cyclegan/outputs/req-42.png?X-Amz-Signature=abc", 256, 256,
                        Map.of("fetch", 3L, "inference", 410L)),
                TranslationResult.error("req-43", "horse2zebra", Direction.A_TO_B, ErrorCode.IMAGE_UNREADABLE, "not an image",
                        Map.of("fetch", 2L)));
    }

    @ParameterizedTest
    @MethodSource("messages")
    void roundTripsThroughJson(Message message) {
        String json = MessageCodec.toJson(message);
        assertThat(json).contains("\"schemaVersion\":1").doesNotContain(":null");
        assertThat(MessageCodec.fromJson(json, message.getClass())).isEqualTo(message);
    }

    @ParameterizedTest
    @MethodSource("messages")
    void ignoresUnknownFields(Message message) {
        String json = MessageCodec.toJson(message).replaceFirst("\\{", "{\"addedInV2\":{\"x\":[1,2]},");
        assertThat(MessageCodec.fromJson(json, message.getClass())).isEqualTo(message);
    }

    static Stream<Arguments> invalidMessages() {
        return Stream.of(
                Arguments.of(TrainingJob.class, "{\"jobId\":\"j\",\"model\":\"m\",\"datasetA\":\"s3://b1c/a/\"}",
                        "TrainingJob.datasetB is required"),
                Arguments.of(TrainingJob.class,
                        "{\"jobId\":\"j\",\"model\":\"m\",\"datasetA\":\"/local/a\",\"datasetB\":\"s3://bkt/b/\"}",
                        "TrainingJob.datasetA must be an s3://bucket/key URI"),
                Arguments.of(TrainingEvent.class, "{\"jobId\":\"j\",\"model\":\"m\",\"state\":\"FAILED\"}",
                        "TrainingEvent.error (for state FAILED) is required"),
                Arguments.of(TrainingEvent.class, "{\"jobId\":\"j\",\"model\":\"m\",\"state\":\"SLEEPING\"}",
                        "TrainingEvent.state: invalid value SLEEPING"),
                Arguments.of(ModelVersion.class,
                        "{\"model\":\"m\",\"version\":1,\"generators\":{},\"architecture\":{\"netG\":\"resnet_9blocks\"}}",
                        "ModelVersion.generators must name at least one direction"),
                Arguments.of(ModelVersion.class,
                        "{\"model\":\"m\",\"version\":0,\"generators\":{\"AtoB\":\"s3://bkt/g.safetensors\"},"
                                + "\"architecture\":{\"netG\":\"resnet_9blocks\"}}",
                        "ModelVersion.version must be positive"),
                Arguments.of(TranslationRequest.class, "{\"requestId\":\"r1\",\"input\":\"s3://bkt/in.png\"}",
                        "TranslationRequest.model is required"),
                Arguments.of(TranslationRequest.class,
                        "{\"requestId\":\"r1\",\"model\":\"m\",\"direction\":\"sideways\",\"input\":\"s3://bkt/in.png\"}",
                        "direction must be AtoB or BtoA"),
                Arguments.of(TranslationRequest.class,
                        "{\"requestId\":\"r1\",\"model\":\"m\",\"input\":\"s3://bkt/in.png\",\"output\":{\"format\":\"gif\"}}",
                        "TranslationRequest.output.format must be png or jpeg"),
                Arguments.of(TranslationRequest.class,
                        "{\"requestId\":\"r1\",\"model\":\"../etc\",\"input\":\"s3://bkt/in.png\"}",
                        "TranslationRequest.model must be 1-128 letters"),
                Arguments.of(TranslationResult.class, "{\"requestId\":\"r1\",\"status\":\"OK\",\"model\":\"m\"}",
                        "TranslationResult.version is required"),
                Arguments.of(TranslationResult.class, "{\"requestId\":\"r1\",\"status\":\"ERROR\"}",
                        "TranslationResult.error (for status ERROR) is required"),
                Arguments.of(TranslationRequest.class,
                        "{\"schemaVersion\":2,\"requestId\":\"r1\",\"model\":\"m\",\"input\":\"s3://bkt/in.png\"}",
                        "TranslationRequest.schemaVersion 2 is not supported"));
    }

    @ParameterizedTest
    @MethodSource("invalidMessages")
    void rejectsInvalidMessagesNamingTheField(Class<?> type, String json, String expected) {
        assertThatThrownBy(() -> MessageCodec.fromJson(json, type))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessageContaining(expected);
    }

    @Test
    void rejectsMalformedJsonAndNonObjects() {
        assertThatThrownBy(() -> MessageCodec.fromJson("{\"requestId\": ", TranslationRequest.class))
                .isInstanceOf(InvalidMessageException.class).hasMessageStartingWith("TranslationRequest: malformed JSON");
        assertThatThrownBy(() -> MessageCodec.fromJson("[1,2]", TranslationRequest.class))
                .isInstanceOf(InvalidMessageException.class).hasMessageContaining("expected a JSON object, got ARRAY");
        assertThatThrownBy(() -> MessageCodec.fromBytes(new byte[0], TranslationRequest.class))
                .isInstanceOf(InvalidMessageException.class).hasMessageContaining("empty message");
    }

    @Test
    void keepsTheIdOfAnInvalidMessageSoTheSenderCanBeAnswered() {
        InvalidMessageException e = org.junit.jupiter.api.Assertions.assertThrows(InvalidMessageException.class,
                () -> MessageCodec.fromJson("{\"requestId\":\"r-77\",\"model\":\"m\",\"input\":\"http://x\"}",
                        TranslationRequest.class));
        assertThat(e.messageId()).contains("r-77");
    }

    @Test
    void omitsFieldsThatDoNotApply() {
        String json = MessageCodec.toJson(TrainingEvent.of("job-1", "m", TrainingState.RUNNING));
        assertThat(json).doesNotContain("losses").doesNotContain("checkpoint").doesNotContain("error");
    }

    @Test
    void fillsDefaults() {
        TranslationRequest r = MessageCodec.fromJson(
                "{\"requestId\":\"r1\",\"model\":\"m\",\"input\":\"s3://bkt/in.png\"}", TranslationRequest.class);
        assertThat(r.direction()).isEqualTo(Direction.A_TO_B);
        assertThat(r.output()).isEqualTo(OutputOptions.defaults());
        assertThat(r.schemaVersion()).isEqualTo(Message.CURRENT_SCHEMA_VERSION);
        assertThat(r.version()).isNull();
        assertThat(r.kafkaKey()).isEqualTo("r1");
    }
}
