package io.github.cyclegan.inferenceworker.pipeline;

import io.github.cyclegan.messaging.ErrorCode;

import io.github.cyclegan.image.ImageDecodeException;
import io.github.cyclegan.storage.InvalidObjectKeyException;
import io.github.cyclegan.storage.ObjectNotFoundException;
import io.github.cyclegan.storage.StorageException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

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

    private static Throwable unwrap(Throwable t) {
        Throwable current = t;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }
}
