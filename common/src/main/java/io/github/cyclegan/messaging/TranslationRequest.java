package io.github.cyclegan.messaging;

/**
 * Translate the image at {@code input} with {@code model}'s generator for {@code direction}.
 * Published on {@link Topics#TRANSLATION_REQUESTS} keyed by {@code requestId}.
 *
 * @param direction defaults to AtoB
 * @param version   pin an exact model version; null means the latest
 * @param output    encoding of the result; defaults to PNG
 */
public record TranslationRequest(int schemaVersion, String requestId, String model, Direction direction,
        String input, Long version, OutputOptions output) implements Message {

    private static final String NAME = "TranslationRequest";

    public TranslationRequest {
        schemaVersion = Message.schemaVersion(schemaVersion, NAME);
        Require.name(requestId, NAME, "requestId");
        Require.name(model, NAME, "model");
        direction = direction == null ? Direction.A_TO_B : direction;
        Require.s3Uri(input, NAME, "input");
        Require.positive(version, NAME, "version");
        output = output == null ? OutputOptions.defaults() : output;
    }

    public TranslationRequest(String requestId, String model, Direction direction, String input) {
        this(CURRENT_SCHEMA_VERSION, requestId, model, direction, input, null, null);
    }

    @Override
    public String kafkaKey() {
        return requestId;
    }
}
