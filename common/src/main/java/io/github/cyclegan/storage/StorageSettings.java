package io.github.cyclegan.storage;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Where objects live and how to reach them. Immutable and validated; {@link #toString()} never
 * shows the secret key, so settings can be logged.
 *
 * @param endpoint       S3 API endpoint, e.g. {@code http://127.0.0.1:9000}
 * @param accessKey      access key id
 * @param secretKey      secret access key
 * @param region         signing region
 * @param bucket         the one bucket this system reads and writes; created on first use
 * @param presignExpiry  lifetime of presigned GET URLs, at most 7 days (S3's SigV4 limit)
 * @param maxAttempts    attempts for an idempotent request that failed transiently (1 = no retry)
 * @param retryBackoff   wait before the first retry; doubled for each further one
 * @param connectTimeout longest wait for a connection to the server
 * @param callTimeout    longest a call waits for the server to take or send its next bytes (the MinIO client's write
 *                       and read timeouts): a server that hangs mid-call fails the attempt, transiently, after this
 */
public record StorageSettings(URI endpoint, String accessKey, String secretKey, String region, String bucket,
        Duration presignExpiry, int maxAttempts, Duration retryBackoff, Duration connectTimeout,
        Duration callTimeout) {

    public static final Duration MAX_PRESIGN_EXPIRY = Duration.ofDays(7);
    public static final String DEFAULT_BUCKET = "cyclegan";
    public static final String DEFAULT_REGION = "us-east-1";
    public static final Duration DEFAULT_PRESIGN_EXPIRY = Duration.ofHours(24);
    public static final int DEFAULT_MAX_ATTEMPTS = 4;
    public static final Duration DEFAULT_RETRY_BACKOFF = Duration.ofMillis(200);
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(30);

    public StorageSettings {
        Objects.requireNonNull(endpoint, "storage endpoint is required");
        String scheme = endpoint.getScheme();
        if (!"http".equals(scheme) && !"https".equals(scheme) || endpoint.getHost() == null) {
            throw new IllegalArgumentException("storage endpoint must be an http(s) URL with a host, got " + endpoint);
        }
        requireText(accessKey, "storage access key");
        requireText(secretKey, "storage secret key");
        requireText(region, "storage region");
        S3Uri.requireBucket(bucket);
        Objects.requireNonNull(presignExpiry, "presign expiry is required");
        if (presignExpiry.isNegative() || presignExpiry.isZero() || presignExpiry.compareTo(MAX_PRESIGN_EXPIRY) > 0) {
            throw new IllegalArgumentException("presign expiry must be between 1 s and 7 days, got " + presignExpiry);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("storage max attempts must be at least 1, got " + maxAttempts);
        }
        Objects.requireNonNull(retryBackoff, "retry backoff is required");
        if (retryBackoff.isNegative()) {
            throw new IllegalArgumentException("retry backoff must not be negative, got " + retryBackoff);
        }
        requirePositive(connectTimeout, "storage connect timeout");
        requirePositive(callTimeout, "storage call timeout");
    }

    /** Settings with the default connect and call timeouts. */
    public StorageSettings(URI endpoint, String accessKey, String secretKey, String region, String bucket,
            Duration presignExpiry, int maxAttempts, Duration retryBackoff) {
        this(endpoint, accessKey, secretKey, region, bucket, presignExpiry, maxAttempts, retryBackoff,
                DEFAULT_CONNECT_TIMEOUT, DEFAULT_CALL_TIMEOUT);
    }

    /** Settings with the defaults for everything but the connection. */
    public static StorageSettings of(URI endpoint, String accessKey, String secretKey) {
        return new StorageSettings(endpoint, accessKey, secretKey, DEFAULT_REGION, DEFAULT_BUCKET,
                DEFAULT_PRESIGN_EXPIRY, DEFAULT_MAX_ATTEMPTS, DEFAULT_RETRY_BACKOFF);
    }

    public StorageSettings withBucket(String newBucket) {
        return new StorageSettings(endpoint, accessKey, secretKey, region, newBucket, presignExpiry, maxAttempts,
                retryBackoff, connectTimeout, callTimeout);
    }

    public StorageSettings withRetries(int newMaxAttempts, Duration newBackoff) {
        return new StorageSettings(endpoint, accessKey, secretKey, region, bucket, presignExpiry, newMaxAttempts,
                newBackoff, connectTimeout, callTimeout);
    }

    public StorageSettings withTimeouts(Duration newConnectTimeout, Duration newCallTimeout) {
        return new StorageSettings(endpoint, accessKey, secretKey, region, bucket, presignExpiry, maxAttempts,
                retryBackoff, newConnectTimeout, newCallTimeout);
    }

    private static void requirePositive(Duration value, String name) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
    }

    @Override
    public String toString() {
        return "StorageSettings[endpoint=" + endpoint + ", accessKey=" + accessKey + ", secretKey=****, region=" + region
                + ", bucket=" + bucket + ", presignExpiry=" + presignExpiry + ", maxAttempts=" + maxAttempts
                + ", retryBackoff=" + retryBackoff + ", connectTimeout=" + connectTimeout + ", callTimeout="
                + callTimeout + "]";
    }
}
