package io.github.cyclegan.inferenceworker.faults;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with full jitter: the n-th pause is uniform in [0, min(first × 2^(n-1), max)]. Many requests (and
 * many workers) that met the same outage therefore come back spread out instead of all at once.
 */
public final class Backoff {
    private final long firstNanos;
    private final long maxNanos;
    private final DoubleSupplier random;

    /** @param random uniform in [0, 1) */
    public Backoff(Duration first, Duration max, DoubleSupplier random) {
        if (first.isNegative() || max.compareTo(first) < 0) {
            throw new IllegalArgumentException("backoff needs 0 <= first <= max, got " + first + " and " + max);
        }
        this.firstNanos = first.toNanos();
        this.maxNanos = max.toNanos();
        this.random = random;
    }

    /** The longest pause before try {@code attempt} (1 for the first retry). */
    public Duration ceiling(int attempt) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempts count from 1, got " + attempt);
        }
        long ceiling = firstNanos;
        for (int i = 1; i < attempt && ceiling < maxNanos; i++) {
            ceiling *= 2;
        }
        return Duration.ofNanos(Math.min(ceiling, maxNanos));
    }

    /** A pause before try {@code attempt}: uniform in [0, {@link #ceiling(int)}]. */
    public Duration pause(int attempt) {
        return Duration.ofNanos((long) (ceiling(attempt).toNanos() * random.getAsDouble()));
    }

    /** A pause of at least half the ceiling: uniform in [ceiling / 2, ceiling], for a loop that must not spin. */
    public Duration halfJitteredPause(int attempt) {
        long ceiling = ceiling(attempt).toNanos();
        return Duration.ofNanos(ceiling / 2 + (long) (ceiling / 2 * random.getAsDouble()));
    }
}
