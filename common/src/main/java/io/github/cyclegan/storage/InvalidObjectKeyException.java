package io.github.cyclegan.storage;

/** An object key, prefix or {@code s3://} URI was refused; the message says which rule it broke. */
public class InvalidObjectKeyException extends IllegalArgumentException {

    public InvalidObjectKeyException(String message) {
        super(message);
    }
}
