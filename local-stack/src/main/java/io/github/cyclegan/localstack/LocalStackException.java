package io.github.cyclegan.localstack;

/** The local stack could not start or stop; the message names the directory or server involved. */
public class LocalStackException extends RuntimeException {

    public LocalStackException(String message, Throwable cause) {
        super(message, cause);
    }
}
