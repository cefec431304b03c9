package io.github.cyclegan.inferenceworker.faults;

import io.github.cyclegan.inferenceworker.config.ServingConfig;
import io.github.cyclegan.storage.ObjectStore;
import io.github.cyclegan.storage.StorageException;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * What the worker knows about storage: reachable, or down since a request met a transient fault that outlasted the
 * object store's own retries. While it is down, the request consumer waits at {@link #awaitAvailable(Duration)} (so the
 * connector stops asking for records and pauses the partitions), requests that hit the outage wait for
 * {@link #whenAvailable()}, and one thread probes storage, with a growing, jittered pause of at most 5 s, until it
 * answers. Any answer counts, an error included (AccessDenied, NoSuchBucket): what is left to find out is then a
 * request's own business, with its own error code.
 */
@ApplicationScoped
public class StorageOutage {
    private static final Logger LOG = Logger.getLogger(StorageOutage.class);
    private static final Duration MAX_PROBE_PAUSE = Duration.ofSeconds(5);
    /** Probed with a stat: any key will do, an absent one costs the server least. */
    private static final String PROBE_KEY = "models/.storage-probe";

    @Inject
    ObjectStore store;
    @Inject
    ServingConfig config;

    private final Object lock = new Object();
    /** Completed while storage is available; a fresh one, completed when it is back, during an outage. */
    private CompletableFuture<Void> available = CompletableFuture.completedFuture(null);
    private long downSinceNanos;
    private long outages;
    private volatile boolean stopping;
    private ObjectStore probeStore;
    private Backoff backoff;

    @PostConstruct
    void init() {
        // One attempt per probe: the prober's own pauses are the retries.
        probeStore = new ObjectStore(store.settings().withRetries(1, Duration.ZERO));
        backoff = new Backoff(config.retryBackoff(), MAX_PROBE_PAUSE.compareTo(config.retryBackoff()) < 0
                ? config.retryBackoff() : MAX_PROBE_PAUSE, () -> ThreadLocalRandom.current().nextDouble());
    }

    /** A request met a transient storage fault: storage counts as down until a probe gets an answer. */
    public void failed(StorageException cause) {
        synchronized (lock) {
            if (!available.isDone() || stopping) {
                return;
            }
            available = new CompletableFuture<>();
            downSinceNanos = System.nanoTime();
            outages++;
        }
        LOG.warnf("storage is unreachable (%s): requests wait and consumption pauses until it answers again, for "
                + "at most %s before liveness turns DOWN", cause.getMessage(), config.outagePatience());
        Thread prober = new Thread(this::probeUntilAvailable, "storage-prober");
        prober.setDaemon(true);
        prober.start();
    }

    public boolean isAvailable() {
        synchronized (lock) {
            return available.isDone();
        }
    }

    /** How long storage has been down, when it is. */
    public Optional<Duration> unavailableFor() {
        synchronized (lock) {
            return available.isDone() ? Optional.empty()
                    : Optional.of(Duration.ofNanos(System.nanoTime() - downSinceNanos));
        }
    }

    /** Outages since the worker started. */
    public long outages() {
        synchronized (lock) {
            return outages;
        }
    }

    /** Completes (at once, when storage is available) once storage answers again. */
    public CompletableFuture<Void> whenAvailable() {
        synchronized (lock) {
            return available;
        }
    }

    /** Waits up to {@code timeout} for storage to be available; true when it is. */
    public boolean awaitAvailable(Duration timeout) throws InterruptedException {
        try {
            whenAvailable().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("the storage gate never fails", e);
        }
    }

    private void probeUntilAvailable() {
        for (int attempt = 1; !stopping; attempt++) {
            try {
                Thread.sleep(backoff.halfJitteredPause(attempt).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (answers()) {
                CompletableFuture<Void> back;
                long downNanos;
                synchronized (lock) {
                    back = available;
                    downNanos = System.nanoTime() - downSinceNanos;
                }
                LOG.infof("storage answers again after %d ms (%d probes): requests resume", downNanos / 1_000_000,
                        attempt);
                back.complete(null);
                return;
            }
        }
    }

    private boolean answers() {
        try {
            probeStore.stat(PROBE_KEY);
            return true;
        } catch (StorageException e) {
            if (e.isTransient()) {
                LOG.debugf("storage still unreachable: %s", e.getMessage());
                return false;
            }
            return true;
        } catch (RuntimeException e) {
            LOG.debugf("storage probe failed: %s", e);
            return false;
        }
    }

    void stop(@Observes ShutdownEvent event) {
        stopping = true;
    }
}
