package io.github.cyclegan.inferenceworker.config;

import io.github.cyclegan.storage.StorageSettings;
import io.smallrye.config.ConfigMapping;
import java.net.URI;
import java.time.Duration;

/** {@code cyclegan.storage.*}: the keys every component of the system shares (README table). */
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

    default StorageSettings settings() {
        return new StorageSettings(endpoint(), accessKey(), secretKey(), region(), bucket(), presignExpiry(),
                maxAttempts(), retryBackoff());
    }
}
