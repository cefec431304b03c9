package io.github.cyclegan.inferenceworker.pipeline;

import io.github.cyclegan.messaging.ErrorCode;

/** A request that cannot be served, with the code its ERROR result carries. */
public final class TranslationFailure extends RuntimeException {
    private final ErrorCode code;

    public TranslationFailure(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public TranslationFailure(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
