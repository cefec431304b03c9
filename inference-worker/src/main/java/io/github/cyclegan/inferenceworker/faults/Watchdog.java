package io.github.cyclegan.inferenceworker.faults;

import io.github.cyclegan.inferenceworker.config.ServingConfig;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Watches the steps that block a thread (fetching, decoding, loading a generator, a forward pass, encoding, storing):
 * each runs inside an {@link Activity}, and a step that has run longer than {@code stall-timeout} is a stall, which
 * turns liveness DOWN. Waiting is not a step: a request queued for a thread or for the inference thread, or held by an
 * outage, is watched by the outage patience instead. Reads only memory, so the health check never blocks.
 */
@ApplicationScoped
public class Watchdog {

    @Inject
    ServingConfig config;

    private final Set<Activity> running = ConcurrentHashMap.newKeySet();
    private LongSupplier clock = System::nanoTime;
    private long stallNanos;

    /** One step in progress; closing it ends the step. */
    public final class Activity implements AutoCloseable {
        private final String subject;
        private final String step;
        private final long startNanos;

        private Activity(String subject, String step, long startNanos) {
            this.subject = subject;
            this.step = step;
            this.startNanos = startNanos;
        }

        @Override
        public void close() {
            running.remove(this);
        }
    }

    /** A step that has run too long, for the health check's data and the log. */
    public record Stall(String subject, String step, Duration running) {
    }

    @PostConstruct
    void init() {
        stallNanos = config.stallTimeout().toNanos();
    }

    /** For tests: a watchdog on a clock of their own. */
    public static Watchdog withClock(Duration stallTimeout, LongSupplier clock) {
        Watchdog watchdog = new Watchdog();
        watchdog.stallNanos = stallTimeout.toNanos();
        watchdog.clock = clock;
        return watchdog;
    }

    /**
     * Starts watching {@code step} of {@code subject} (a request id, or what a forward pass runs); close it when the
     * step ends.
     */
    public Activity start(String subject, String step) {
        Activity activity = new Activity(subject, step, clock.getAsLong());
        running.add(activity);
        return activity;
    }

    /** The longest-running step, if it has run longer than the stall timeout. */
    public Optional<Stall> stall() {
        long now = clock.getAsLong();
        return running.stream().min(Comparator.comparingLong(a -> a.startNanos))
                .filter(oldest -> now - oldest.startNanos > stallNanos)
                .map(oldest -> new Stall(oldest.subject, oldest.step, Duration.ofNanos(now - oldest.startNanos)));
    }

    /** Steps running now. */
    public int running() {
        return running.size();
    }
}
