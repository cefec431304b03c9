package io.github.cyclegan.inferenceworker.pipeline;

import io.github.cyclegan.messaging.ErrorCode;

import io.github.cyclegan.image.ImageDecodeException;
import io.github.cyclegan.storage.InvalidObjectKeyException;
import io.github.cyclegan.storage.ObjectNotFoundException;
import io.github.cyclegan.storage.StorageException;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;

/** Maps whatever a stage threw to the failure reported to the client, so codes are decided in one place. */
public final class Failures {

    private Failures() {
    }

    public static TranslationFailure of(Throwable thrown) {
        Throwable t = unwrap(thrown);
        if (t instanceof TranslationFailure failure) {
            return failure;
        }
        if (t instanceof ImageDecodeException e) {
            return new TranslationFailure(e.code(), e.getMessage(), e);
        }
        if (t instanceof ObjectNotFoundException e) {
            return new TranslationFailure(ErrorCode.INPUT_NOT_FOUND, e.getMessage(), e);
        }
        if (t instanceof InvalidObjectKeyException e) {
            return new TranslationFailure(ErrorCode.INVALID_INPUT_URI, e.getMessage(), e);
        }
        if (t instanceof StorageException e) {
            return new TranslationFailure(ErrorCode.STORAGE_UNAVAILABLE, e.getMessage(), e);
        }
        return new TranslationFailure(ErrorCode.INTERNAL, "internal error: " + t, t);
    }

    /**
     * The transient storage fault behind {@code thrown}, if that is what it is: storage unreachable, hung or
     * overloaded, worth waiting for rather than answering. Permanent storage errors (a missing object, access denied)
     * and the pipeline's own decisions ({@link TranslationFailure}) are not.
     */
    public static Optional<StorageException> transientStorageFault(Throwable thrown) {
        for (Throwable t = unwrap(thrown); t != null && !(t instanceof TranslationFailure); t = t.getCause()) {
            if (t instanceof StorageException e) {
                return e.isTransient() ? Optional.of(e) : Optional.empty();
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return Optional.empty();
    }

    /** Whether {@code thrown} says the worker is shutting down (a pool refused work), which is no answer either. */
    public static boolean shuttingDown(Throwable thrown) {
        return unwrap(thrown) instanceof RejectedExecutionException;
    }

    private static Throwable unwrap(Throwable t) {
        Throwable current = t;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }
}
