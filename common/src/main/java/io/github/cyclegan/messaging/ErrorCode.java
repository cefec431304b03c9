package io.github.cyclegan.messaging;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * The stable {@code error.code} of an ERROR {@link TranslationResult}: clients match on these names (docs/messages.md
 * has the table). The one list of them, shared by the workers, the engine's image decoder and the clients.
 */
public enum ErrorCode {
    /** A required field is missing or a field is invalid (model name, direction, output format, ...). */
    INVALID_REQUEST,
    /** {@code input} is not an {@code s3://bucket/key} URI, has '.', '..' or empty segments, or names a prefix. */
    INVALID_INPUT_URI,
    /** {@code input} is in another bucket than the worker's. */
    INPUT_OUTSIDE_BUCKET,
    /** No object at {@code input}. */
    INPUT_NOT_FOUND,
    /** The object has no bytes. */
    IMAGE_EMPTY,
    /** Not an image, or a corrupt or truncated one. */
    IMAGE_UNREADABLE,
    /** More bytes or pixels than the worker's limits. */
    IMAGE_TOO_LARGE,
    /** A readable image in a format the worker does not accept. */
    IMAGE_UNSUPPORTED_FORMAT,
    /** No model of that name. */
    MODEL_NOT_FOUND,
    /** The pinned version does not exist, or its weights are missing. */
    MODEL_VERSION_NOT_FOUND,
    /** The version has no generator for the requested direction. */
    DIRECTION_NOT_AVAILABLE,
    /**
     * The version's weights cannot serve: changed since publication (their SHA-256 differs from the version's), not a
     * safetensors file, or not a generator of the version's architecture. Fixed by publishing a good version.
     */
    MODEL_INVALID,
    /** Storage failed after its retries. */
    STORAGE_UNAVAILABLE,
    /** Anything else: a bug. */
    INTERNAL,
    /**
     * A code this build does not know, from a newer worker: a reader keeps the result (and its message) rather than
     * refusing the whole message.
     */
    UNKNOWN;

    @JsonCreator
    public static ErrorCode parse(String name) {
        for (ErrorCode code : values()) {
            if (code.name().equals(name)) {
                return code;
            }
        }
        return UNKNOWN;
    }
}
