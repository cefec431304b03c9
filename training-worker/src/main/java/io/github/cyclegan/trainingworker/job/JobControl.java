package io.github.cyclegan.trainingworker.job;

import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Stop requests for the training thread, from other threads: cancels by jobId (from the control
 * topic), the shutdown, and the handover of a job whose partition a rebalance gives to another
 * worker. Also knows which job runs and from which partition, so that shutdown and the handover can
 * wait for its checkpoint.
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
    private volatile String handedOver;
    private String running;
    private int runningPartition = -1;

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
        return shuttingDown || isCancelled(jobId) || jobId.equals(handedOver);
    }

    /** Whether {@code jobId} stopped because its partition moved to another worker. */
    public boolean isHandedOver(String jobId) {
        return jobId.equals(handedOver);
    }

    /** The job of the jobs topic's {@code partition} starts; -1 when the partition is unknown. */
    public synchronized void started(String jobId, int partition) {
        running = jobId;
        runningPartition = partition;
        handedOver = null;
    }

    public synchronized void finished() {
        running = null;
        runningPartition = -1;
        notifyAll();
    }

    public synchronized Optional<String> running() {
        return Optional.ofNullable(running);
    }

    /**
     * The rebalance took {@code partitions} from this worker: when the running job came from one of them, it stops
     * (writing a checkpoint) and this waits until it has, at most {@code grace}, so that the worker that gets the
     * partition resumes from that checkpoint and never runs the job while this one still does.
     *
     * @return false when the job did not stop within {@code grace}
     */
    public synchronized boolean handOver(Collection<Integer> partitions, Duration grace) throws InterruptedException {
        if (running == null || !partitions.contains(runningPartition)) {
            return true;
        }
        handedOver = running;
        return awaitIdle(grace);
    }

    /** Asks the running job to stop and waits until it has (it writes a checkpoint first), at most {@code grace}. */
    public synchronized boolean shutdown(Duration grace) throws InterruptedException {
        shuttingDown = true;
        return awaitIdle(grace);
    }

    private boolean awaitIdle(Duration grace) throws InterruptedException {
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
