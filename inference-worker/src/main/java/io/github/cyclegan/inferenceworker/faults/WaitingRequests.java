package io.github.cyclegan.inferenceworker.faults;

import io.github.cyclegan.inferenceworker.metrics.WorkerMetrics;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Requests taken from Kafka that wait because of a transient fault: for storage to answer again, or for the broker to
 * take their result. They keep their in-flight permit and stay unacknowledged. Their count per reason is a metric; the
 * oldest wait, against the outage patience, decides liveness.
 */
@ApplicationScoped
public class WaitingRequests {

    public enum Reason {
        STORAGE, BROKER;

        String tag() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private record Wait(Reason reason, long sinceNanos) {
    }

    /** Keyed by the request's own handle: a redelivered duplicate of a waiting request waits on its own. */
    private final Map<Object, Wait> waits = new ConcurrentHashMap<>();

    @Inject
    WorkerMetrics metrics;

    @PostConstruct
    void registerGauges() {
        for (Reason reason : Reason.values()) {
            metrics.requestsWaiting(reason.tag(), () -> count(reason));
        }
    }

    /** {@code request} waits for {@code reason}, since {@code sinceNanos} ({@link System#nanoTime()}). */
    public void waiting(Object request, Reason reason, long sinceNanos) {
        waits.put(request, new Wait(reason, sinceNanos));
    }

    /** {@code request} waits no longer (it runs again, was answered, or was given up at shutdown). */
    public void resumed(Object request) {
        waits.remove(request);
    }

    public long count(Reason reason) {
        return waits.values().stream().filter(w -> w.reason() == reason).count();
    }

    /** How long the longest-waiting request has waited, and for what. */
    public Optional<Map.Entry<Reason, Duration>> longest() {
        long now = System.nanoTime();
        return waits.values().stream().min((a, b) -> Long.compare(a.sinceNanos() - now, b.sinceNanos() - now))
                .map(w -> Map.entry(w.reason(), Duration.ofNanos(now - w.sinceNanos())));
    }
}
