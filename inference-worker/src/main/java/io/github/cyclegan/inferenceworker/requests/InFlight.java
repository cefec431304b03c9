package io.github.cyclegan.inferenceworker.requests;

import io.github.cyclegan.inferenceworker.config.ServingConfig;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Bounds the requests taken but not yet answered, so that a backlog stays in Kafka (where another worker can take
 * it) rather than in this worker's memory, and lets shutdown wait for them.
 */
@ApplicationScoped
public class InFlight {

    @Inject
    ServingConfig config;

    private Semaphore permits;
    private volatile boolean closing;

    @PostConstruct
    void init() {
        permits = new Semaphore(config.maxInFlight());
    }

    /** Blocks until a request may start; false once the worker is shutting down. */
    public boolean enter() throws InterruptedException {
        while (!closing) {
            if (permits.tryAcquire(200, TimeUnit.MILLISECONDS)) {
                return true;
            }
        }
        return false;
    }

    public void leave() {
        permits.release();
    }

    public boolean closing() {
        return closing;
    }

    /** Stops admitting requests. */
    public void close() {
        closing = true;
    }

    /** Stops admitting requests and waits until those admitted are answered; false on timeout. */
    public boolean drain(Duration timeout) throws InterruptedException {
        closing = true;
        int all = config.maxInFlight();
        if (permits.tryAcquire(all, timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            permits.release(all);
            return true;
        }
        return false;
    }
}
