package io.github.cyclegan.training;

import java.util.random.RandomGenerator;

/**
 * SplitMix64 generator whose whole state is one {@code long}, so a checkpoint can capture it and
 * a resumed run draws exactly the numbers the uninterrupted run would have drawn.
 *
 * <p>Bounded and floating draws are implemented here instead of inheriting {@link RandomGenerator}'s
 * defaults, so that the sequence cannot change with the JDK version between save and resume.
 */
public final class SplitMix64 implements RandomGenerator {
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private long state;

    public SplitMix64(long seed) {
        this.state = seed;
    }

    /** The state to store in a checkpoint; {@code new SplitMix64(state())} continues the sequence. */
    public long state() {
        return state;
    }

    @Override
    public long nextLong() {
        state += GOLDEN_GAMMA;
        return mix(state);
    }

    @Override
    public int nextInt() {
        return (int) (nextLong() >>> 32);
    }

    /** Uniform in [0, bound), unbiased (rejection of the last partial block). */
    @Override
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive, was " + bound);
        }
        long range = 1L << 31;
        long limit = range - (range % bound);
        while (true) {
            long r = nextLong() >>> 33;
            if (r < limit) {
                return (int) (r % bound);
            }
        }
    }

    /** Uniform in [0, 1) with 53 random bits. */
    @Override
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Derives a well-mixed seed from a base seed and a stream number, for independent sub-streams. */
    public static long derive(long seed, long stream) {
        return mix(seed ^ mix(stream + GOLDEN_GAMMA));
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
