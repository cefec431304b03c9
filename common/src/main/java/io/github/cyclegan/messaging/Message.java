package io.github.cyclegan.messaging;

/**
 * Common shape of every message: a schema version and the value used as the Kafka record key.
 * Consumers accept any {@code schemaVersion} up to {@link #CURRENT_SCHEMA_VERSION}; a missing
 * one (or 0) means the current version.
 */
public interface Message {

    int CURRENT_SCHEMA_VERSION = 1;

    int schemaVersion();

    /** The Kafka record key this message is published under. */
    String kafkaKey();

    static int schemaVersion(int declared, String message) {
        if (declared == 0) {
            return CURRENT_SCHEMA_VERSION;
        }
        if (declared < 1 || declared > CURRENT_SCHEMA_VERSION) {
            throw new IllegalArgumentException(message + ".schemaVersion " + declared
                    + " is not supported (this build reads 1 to " + CURRENT_SCHEMA_VERSION + ")");
        }
        return declared;
    }
}
