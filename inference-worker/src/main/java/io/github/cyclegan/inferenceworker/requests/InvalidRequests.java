package io.github.cyclegan.inferenceworker.requests;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.cyclegan.messaging.ErrorCode;
import io.github.cyclegan.messaging.MessageCodec;
import io.github.cyclegan.storage.S3Uri;

/** Picks the error code for a request that names its requestId but fails validation. */
final class InvalidRequests {

    private InvalidRequests() {
    }

    /**
     * INVALID_INPUT_URI when the {@code input} field is present but no valid s3 URI (wrong scheme, '..' segments),
     * so clients can tell a bad location from a malformed request; INVALID_REQUEST for everything else.
     */
    static ErrorCode codeOf(String json) {
        try {
            JsonNode input = MessageCodec.mapper().readTree(json).get("input");
            if (input != null && input.isTextual() && !input.asText().isBlank()) {
                S3Uri.parse(input.asText());
            }
            return ErrorCode.INVALID_REQUEST;
        } catch (IllegalArgumentException badUri) {
            return ErrorCode.INVALID_INPUT_URI;
        } catch (java.io.IOException unreadable) {
            return ErrorCode.INVALID_REQUEST;
        }
    }
}
