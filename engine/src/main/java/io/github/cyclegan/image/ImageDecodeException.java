package io.github.cyclegan.image;

/** An input image was refused; {@link #code()} says why in a form clients can match on. */
public final class ImageDecodeException extends RuntimeException {
    private final ImageErrorCode code;

    public ImageDecodeException(ImageErrorCode code, String message) {
        super(code + ": " + message);
        this.code = code;
    }

    public ImageDecodeException(ImageErrorCode code, String message, Throwable cause) {
        super(code + ": " + message, cause);
        this.code = code;
    }

    public ImageErrorCode code() {
        return code;
    }
}
