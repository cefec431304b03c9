package io.github.cyclegan.image;

import io.github.cyclegan.messaging.ErrorCode;

/** An input image was refused; {@link #code()} says why in a form clients can match on. */
public final class ImageDecodeException extends RuntimeException {
    private final ErrorCode code;

    public ImageDecodeException(ErrorCode code, String message) {
        super(code + ": " + message);
        this.code = code;
    }

    public ImageDecodeException(ErrorCode code, String message, Throwable cause) {
        super(code + ": " + message, cause);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
