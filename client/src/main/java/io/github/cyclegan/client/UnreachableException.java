package io.github.cyclegan.client;

/** Kafka or the object store did not answer within the bound; the message names the address. */
public class UnreachableException extends IllegalStateException {

    /** The two services a client needs. */
    public enum Service { KAFKA, STORAGE }

    private final Service service;

    public UnreachableException(Service service, String message, Throwable cause) {
        super(message, cause);
        this.service = service;
    }

    public Service service() {
        return service;
    }
}
