package io.github.cyclegan.messaging;

import java.util.Optional;

/**
 * A message could not be read: malformed JSON, a missing or invalid field, an unsupported schema
 * version. {@link #messageId()} carries the message's own id ({@code requestId} or {@code jobId})
 * when it could still be read, so that the sender can be answered with an error.
 */
public class InvalidMessageException extends RuntimeException {

    private final String messageId;

    public InvalidMessageException(String message, String messageId, Throwable cause) {
        super(message, cause);
        this.messageId = messageId;
    }

    public Optional<String> messageId() {
        return Optional.ofNullable(messageId);
    }
}
