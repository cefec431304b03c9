package io.github.cyclegan.cli.bench;

import java.lang.management.ManagementFactory;
import java.util.Arrays;

/**
 * Wall-clock durations of repeated runs of one piece of work, warm-up runs excluded, and the CPU time the whole
 * process spent meanwhile. On a shared machine the wall clock grows with other people's load; the CPU time barely
 * does, so it tells what the work costs when the cores are free (CPU time / threads).
 */
public final class Timings {

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private final long[] nanos;
    private final long cpuNanos;

    private Timings(long[] nanos, long cpuNanos) {
        this.nanos = nanos.clone();
        Arrays.sort(this.nanos);
        this.cpuNanos = cpuNanos;
    }

    /** Runs {@code work} {@code warmup} times untimed (JIT, allocator, libtorch caches), then {@code runs} timed. */
    public static Timings measure(int warmup, int runs, Runnable work) {
        if (warmup < 0 || runs < 1) {
            throw new IllegalArgumentException("need warmup >= 0 and runs >= 1, got " + warmup + " and " + runs);
        }
        for (int i = 0; i < warmup; i++) {
            work.run();
        }
        long[] nanos = new long[runs];
        long cpuStart = OS.getProcessCpuTime();
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            work.run();
            nanos[i] = System.nanoTime() - start;
        }
        return new Timings(nanos, OS.getProcessCpuTime() - cpuStart);
    }

    public int runs() {
        return nanos.length;
    }

    /** The median; the mean of the two middle runs for an even count. */
    public double medianMillis() {
        int middle = nanos.length / 2;
        double median = nanos.length % 2 == 1 ? nanos[middle] : (nanos[middle - 1] + nanos[middle]) / 2.0;
        return median / 1e6;
    }

    public double minMillis() {
        return nanos[0] / 1e6;
    }

    public double maxMillis() {
        return nanos[nanos.length - 1] / 1e6;
    }

    /** Process CPU time (all threads: libtorch's pool, JVM, GC) per timed run, averaged. */
    public double cpuMillisPerRun() {
        return cpuNanos / 1e6 / nanos.length;
    }
}
