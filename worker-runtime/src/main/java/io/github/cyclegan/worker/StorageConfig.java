package io.github.cyclegan.worker;

import io.github.cyclegan.storage.StorageSettings;
import io.smallrye.config.ConfigMapping;
import java.net.URI;
import java.time.Duration;

/**
 * {@code cyclegan.storage.*}: the keys every component of the system shares (README, "Configuration"); defaults in
 * this module's META-INF/microprofile-config.properties, so that both workers read the same ones.
 */
@ConfigMapping(prefix = "cyclegan.storage")
public interface StorageConfig {

    URI endpoint();

    String accessKey();

    String secretKey();

    String region();

    String bucket();

    Duration presignExpiry();

    int maxAttempts();

    Duration retryBackoff();

    /** Longest wait for a connection to the server. */
    Duration connectTimeout();

    /** Longest wait for the server to take or send the next bytes of a call. */
    Duration callTimeout();

    default StorageSettings settings() {
        return new StorageSettings(endpoint(), accessKey(), secretKey(), region(), bucket(), presignExpiry(),
                maxAttempts(), retryBackoff(), connectTimeout(), callTimeout());
    }
}
