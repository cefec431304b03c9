package io.github.cyclegan.inferenceworker.config;

import io.smallrye.config.ConfigMapping;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** {@code cyclegan.inference.*}: how the worker serves; defaults in application.properties, documented in docs/inference-worker.md. */
@ConfigMapping(prefix = "cyclegan.inference")
public interface ServingConfig {
    /** Most images translated in one forward pass. */
    int maxBatchSize();

    /**
     * One forward pass per image instead of per batch, so that an image's output never depends on which other
     * requests shared its batch (redelivered requests then reproduce identical bytes).
     */
    boolean batchInvariant();

    /** Longest time a request waits for others of its kind before its batch runs anyway. */
    Duration maxBatchWait();

    /** Images with more pixels are translated in overlapping tiles of at most this many pixels. */
    long maxPixels();

    /** Images with more pixels (read from the header) are refused with IMAGE_TOO_LARGE. */
    long hardMaxPixels();

    /** Overlap between neighbouring tiles, in pixels, over which their outputs are blended. */
    int tileOverlap();

    int maxInputBytes();

    /** Accepted input formats (ImageIO names); other readable images get IMAGE_UNSUPPORTED_FORMAT. */
    Set<String> formats();

    /** Budget for loaded generators, estimated as parameter count × 4 bytes. */
    long modelCacheBytes();

    /** Models whose latest version must be loaded before the worker reports ready. */
    Optional<List<String>> preloadModels();

    /** libtorch intra-op threads; 0 keeps the engine's choice (one per core). */
    int threads();

    /** Threads that fetch, decode, encode and store; they mostly wait on storage. */
    int ioThreads();

    /** Requests accepted but not yet answered; the consumer stops taking more at this count. */
    int maxInFlight();

    /** Longest wait at shutdown for in-flight requests to be answered. */
    Duration shutdownDrainTimeout();

    /** Key prefix of translated images; the key is {@code {prefix}{requestId}.{png|jpg}}. */
    String outputPrefix();

    /**
     * How often the worker compares the latest version of each model it knows with {@code latest.json} in storage, in
     * case an announcement on the models topic never reached it.
     */
    Duration reconcileInterval();

    /**
     * How long requests may wait for storage or the broker to come back. Past it, liveness turns DOWN (the pod is
     * restarted and the requests, never acknowledged, are redelivered); the requests keep waiting until then.
     */
    Duration outagePatience();

    /**
     * First pause before a request that hit a transient fault is tried again (and before storage is probed again),
     * doubled for each further try up to 30 s (probes: 5 s), with full jitter.
     */
    Duration retryBackoff();

    /**
     * Liveness turns DOWN when one step of a request (fetching, decoding, loading a generator, one forward pass,
     * encoding, storing) runs this long: a hung native or storage call.
     */
    Duration stallTimeout();
}
