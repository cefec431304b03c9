package io.github.cyclegan.weights;

import java.io.IOException;

/**
 * A weight file that cannot be read: malformed, truncated, or using a feature this reader refuses
 * (an unknown pickle global, an unsupported dtype). It is an {@link IOException} so that callers
 * handle bad files and failed reads in one place.
 */
public class TensorFormatException extends IOException {

    public TensorFormatException(String message) {
        super(message);
    }

    public TensorFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
