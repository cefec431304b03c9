package io.github.cyclegan.cli.bench;

import java.util.Arrays;

/** Wall-clock durations of repeated runs of one piece of work, warm-up runs excluded. */
public final class Timings {

    private final long[] nanos;

    private Timings(long[] nanos) {
        this.nanos = nanos.clone();
        Arrays.sort(this.nanos);
    }

    /** Runs {@code work} {@code warmup} times untimed (JIT, allocator and libtorch caches), then {@code runs} times timed. */
    public static Timings measure(int warmup, int runs, Runnable work) {
        if (warmup < 0 || runs < 1) {
            throw new IllegalArgumentException("need warmup >= 0 and runs >= 1, got " + warmup + " and " + runs);
        }
        for (int i = 0; i < warmup; i++) {
            work.run();
        }
        long[] nanos = new long[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            work.run();
            nanos[i] = System.nanoTime() - start;
        }
        return new Timings(nanos);
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
}
