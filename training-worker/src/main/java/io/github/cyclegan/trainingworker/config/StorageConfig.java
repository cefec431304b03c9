package io.github.cyclegan.trainingworker.config;

import java.net.URI;
import java.time.Duration;

import io.github.cyclegan.storage.StorageSettings;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code cyclegan.storage.*}: the keys every component reads (README, "Configuration"). */
@ConfigMapping(prefix = "cyclegan.storage")
public interface StorageConfig {

    @WithDefault("http://localhost:9000")
    URI endpoint();

    String accessKey();

    String secretKey();

    @WithDefault(StorageSettings.DEFAULT_REGION)
    String region();

    @WithDefault(StorageSettings.DEFAULT_BUCKET)
    String bucket();

    @WithDefault("PT24H")
    Duration presignExpiry();

    @WithDefault("4")
    int maxAttempts();

    @WithDefault("PT0.2S")
    Duration retryBackoff();

    default StorageSettings toSettings() {
        return new StorageSettings(endpoint(), accessKey(), secretKey(), region(), bucket(), presignExpiry(),
                maxAttempts(), retryBackoff());
    }
}
