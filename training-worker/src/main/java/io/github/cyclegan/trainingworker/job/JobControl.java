package io.github.cyclegan.trainingworker.job;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Stop requests for the training thread, from other threads: cancels by jobId (from the control
 * topic) and the shutdown. Also knows which job runs, so shutdown can wait for its checkpoint.
 */
@ApplicationScoped
public class JobControl {

    /** Every worker sees every cancel, mostly for jobs it never runs, so only the latest ones are kept. */
    private static final int MAX_CANCELS = 10_000;

    private final Set<String> cancelled = Collections.synchronizedSet(Collections.newSetFromMap(
            new LinkedHashMap<String, Boolean>() {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > MAX_CANCELS;
                }
            }));
    private volatile boolean shuttingDown;
    private String running;

    /** Cancels {@code jobId} at its next iteration, or as soon as it starts if it is still queued. */
    public void cancel(String jobId) {
        cancelled.add(jobId);
    }

    public boolean isCancelled(String jobId) {
        return cancelled.contains(jobId);
    }

    /** Forgets a cancel that has been carried out, so the jobId can be submitted again. */
    public void clearCancel(String jobId) {
        cancelled.remove(jobId);
    }

    public boolean isShuttingDown() {
        return shuttingDown;
    }

    public boolean stopRequested(String jobId) {
        return shuttingDown || isCancelled(jobId);
    }

    public synchronized void started(String jobId) {
        running = jobId;
    }

    public synchronized void finished() {
        running = null;
        notifyAll();
    }

    public synchronized Optional<String> running() {
        return Optional.ofNullable(running);
    }

    /** Asks the running job to stop and waits until it has (it writes a checkpoint first), at most {@code grace}. */
    public synchronized boolean shutdown(Duration grace) throws InterruptedException {
        shuttingDown = true;
        long deadline = System.nanoTime() + grace.toNanos();
        while (running != null) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }
}
