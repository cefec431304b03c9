package io.github.cyclegan.messaging;

import java.util.Map;

/**
 * The outcome of a {@link TranslationRequest}, published on {@link Topics#TRANSLATION_RESULTS}
 * keyed by {@code requestId}. OK results carry {@code output}, {@code url}, {@code width},
 * {@code height}; ERROR results carry {@code error}.
 *
 * @param url     presigned HTTP GET URL of the output, valid for the storage's presign expiry
 * @param timings milliseconds spent per stage ({@code queue}, {@code fetch}, {@code decode},
 *                {@code inference}, {@code encode}, {@code store}, {@code total})
 */
public record TranslationResult(int schemaVersion, String requestId, Status status, String model, Long version,
        Direction direction, String output, String url, Integer width, Integer height, TranslationError error,
        Map<String, Long> timings) implements Message {

    /** OK: the output exists. ERROR: it does not, and {@code error} says why. */
    public enum Status { OK, ERROR }

    private static final String NAME = "TranslationResult";

    public TranslationResult {
        schemaVersion = Message.schemaVersion(schemaVersion, NAME);
        Require.text(requestId, NAME, "requestId");
        Require.present(status, NAME, "status");
        timings = Require.copy(timings);
        if (status == Status.OK) {
            Require.name(model, NAME, "model");
            Require.present(version, NAME, "version");
            Require.present(direction, NAME, "direction");
            Require.s3Uri(output, NAME, "output");
            Require.text(url, NAME, "url");
            Require.present(width, NAME, "width");
            Require.present(height, NAME, "height");
            if (width < 1 || height < 1) {
                throw new IllegalArgumentException(NAME + ": width and height must be positive");
            }
        } else {
            Require.present(error, NAME, "error (for status ERROR)");
        }
    }

    public static TranslationResult ok(String requestId, String model, long version, Direction direction, String output,
            String url, int width, int height, Map<String, Long> timings) {
        return new TranslationResult(CURRENT_SCHEMA_VERSION, requestId, Status.OK, model, version, direction, output, url,
                width, height, null, timings);
    }

    public static TranslationResult error(String requestId, String model, Direction direction, ErrorCode code,
            String message, Map<String, Long> timings) {
        return new TranslationResult(CURRENT_SCHEMA_VERSION, requestId, Status.ERROR, model, null, direction, null, null,
                null, null, new TranslationError(code, message), timings);
    }

    @Override
    public String kafkaKey() {
        return requestId;
    }
}
