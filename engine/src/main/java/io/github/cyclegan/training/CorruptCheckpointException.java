package io.github.cyclegan.training;

import java.io.IOException;

/**
 * A stored checkpoint whose content is wrong: a file that differs from its manifest entry, or one that cannot be
 * parsed. Reading it again gives the same bytes, so unlike a failed read it is not worth retrying.
 */
public class CorruptCheckpointException extends IOException {

    public CorruptCheckpointException(String message) {
        super(message);
    }

    public CorruptCheckpointException(String message, Throwable cause) {
        super(message, cause);
    }
}
