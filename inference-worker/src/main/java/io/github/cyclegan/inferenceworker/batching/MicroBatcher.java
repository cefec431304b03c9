package io.github.cyclegan.inferenceworker.batching;

import io.github.cyclegan.image.ChwImage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

/**
 * A dynamic batcher in the manner of Triton's: images with the same {@link BatchKey} wait until {@code maxBatchSize}
 * of them are there or the oldest has waited {@code maxWait}, then run in one {@link Translator} call on the
 * inference executor. One dispatcher thread groups; the caller's thread never blocks.
 */
public final class MicroBatcher implements AutoCloseable {

    private record Job(BatchKey key, Translator translator, ChwImage image, CompletableFuture<ChwImage> result) {
    }

    private static final class Group {
        final List<Job> jobs = new ArrayList<>();
        final long deadlineNanos;

        Group(long deadlineNanos) {
            this.deadlineNanos = deadlineNanos;
        }
    }

    private static final Job STOP = new Job(null, null, null, null);

    private final int maxBatchSize;
    private final long maxWaitNanos;
    private final ExecutorService inference;
    private final IntConsumer batchSizes;
    private final BlockingQueue<Job> incoming = new LinkedBlockingQueue<>();
    private final Map<BatchKey, Group> pending = new LinkedHashMap<>();
    private final Thread dispatcher;
    private volatile boolean closed;

    /**
     * @param inference  runs the batches; its size bounds concurrent forward passes
     * @param batchSizes told the size of every batch that runs (metrics)
     */
    public MicroBatcher(int maxBatchSize, Duration maxWait, ExecutorService inference, IntConsumer batchSizes) {
        if (maxBatchSize < 1) {
            throw new IllegalArgumentException("max batch size must be at least 1, was " + maxBatchSize);
        }
        this.maxBatchSize = maxBatchSize;
        this.maxWaitNanos = maxWait.toNanos();
        this.inference = inference;
        this.batchSizes = batchSizes;
        this.dispatcher = new Thread(this::dispatch, "micro-batcher");
        this.dispatcher.setDaemon(true);
        this.dispatcher.start();
    }

    /** Queues {@code image}; the future completes with its translation, or exceptionally with the batch's error. */
    public CompletableFuture<ChwImage> submit(BatchKey key, Translator translator, ChwImage image) {
        CompletableFuture<ChwImage> result = new CompletableFuture<>();
        if (closed) {
            result.completeExceptionally(new RejectedExecutionException("the batcher is closed"));
            return result;
        }
        incoming.add(new Job(key, translator, image, result));
        return result;
    }

    private void dispatch() {
        try {
            while (true) {
                Job job = incoming.poll(nanosToNextDeadline(), TimeUnit.NANOSECONDS);
                if (job == STOP) {
                    break;
                }
                if (job != null) {
                    add(job);
                }
                flushExpired(System.nanoTime());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // Closing: whatever is queued still runs, so in-flight requests get their answers.
        for (Job job = incoming.poll(); job != null; job = incoming.poll()) {
            if (job != STOP) {
                add(job);
            }
        }
        flushExpired(Long.MAX_VALUE);
    }

    private long nanosToNextDeadline() {
        if (pending.isEmpty()) {
            return TimeUnit.SECONDS.toNanos(1);
        }
        long next = pending.values().stream().mapToLong(g -> g.deadlineNanos).min().orElseThrow();
        return Math.max(0, next - System.nanoTime());
    }

    private void add(Job job) {
        Group group = pending.computeIfAbsent(job.key(), k -> new Group(System.nanoTime() + maxWaitNanos));
        group.jobs.add(job);
        if (group.jobs.size() >= maxBatchSize) {
            pending.remove(job.key());
            run(group.jobs);
        }
    }

    private void flushExpired(long nowNanos) {
        Iterator<Group> groups = pending.values().iterator();
        while (groups.hasNext()) {
            Group group = groups.next();
            if (group.deadlineNanos - nowNanos <= 0 || nowNanos == Long.MAX_VALUE) {
                groups.remove();
                run(group.jobs);
            }
        }
    }

    private void run(List<Job> jobs) {
        batchSizes.accept(jobs.size());
        try {
            inference.execute(() -> translate(jobs));
        } catch (RejectedExecutionException e) {
            jobs.forEach(job -> job.result().completeExceptionally(e));
        }
    }

    private static void translate(List<Job> jobs) {
        try {
            List<ChwImage> images = new ArrayList<>(jobs.size());
            jobs.forEach(job -> images.add(job.image()));
            // All jobs of a key use the same generator version, so the first job's translator serves the batch.
            List<ChwImage> outputs = jobs.get(0).translator().translate(images);
            for (int i = 0; i < jobs.size(); i++) {
                jobs.get(i).result().complete(outputs.get(i));
            }
        } catch (RuntimeException | Error e) {
            jobs.forEach(job -> job.result().completeExceptionally(e));
        }
    }

    /** Stops taking images, runs every queued one, and waits for the dispatcher to hand them to the executor. */
    @Override
    public void close() {
        closed = true;
        incoming.add(STOP);
        try {
            dispatcher.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // A submit racing with close may have queued after the dispatcher's last look: fail it rather than hang.
        for (Job job = incoming.poll(); job != null; job = incoming.poll()) {
            if (job != STOP) {
                job.result().completeExceptionally(new RejectedExecutionException("the batcher is closed"));
            }
        }
    }
}
