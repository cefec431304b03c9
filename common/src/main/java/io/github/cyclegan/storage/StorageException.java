package io.github.cyclegan.storage;

/**
 * A storage request failed. {@link #isTransient()} tells whether the same request may succeed
 * later (network trouble, 5xx, throttling) or will fail again (access denied, bad request).
 */
public class StorageException extends RuntimeException {

    private final boolean transientFailure;

    public StorageException(String message, boolean transientFailure, Throwable cause) {
        super(message, cause);
        this.transientFailure = transientFailure;
    }

    public boolean isTransient() {
        return transientFailure;
    }
}
