package io.github.cyclegan.training;

import java.util.NoSuchElementException;

/**
 * The order in which the reference's unaligned dataset is read: an epoch has max(|A|, |B|) items;
 * item {@code i} is A[i % |A|] and a uniformly random B. Without {@code serialBatches} the dataset
 * indices of each epoch are shuffled, as a DataLoader with {@code shuffle=True}; with it they come
 * in order and B is B[i % |B|].
 *
 * <p>Each epoch's shuffle is derived from (seed, epoch), and B draws come from one generator that
 * runs across epochs, so a state of (epoch, position, B generator) resumes the exact sequence.
 */
public final class UnalignedSampler {
    /** Stream number for the B draws, apart from the per-epoch shuffle streams 0, 1, 2, ... */
    private static final long B_STREAM = -1;

    private final int sizeA;
    private final int sizeB;
    private final boolean serialBatches;
    private final long seed;
    private int epoch;
    private int position;
    private int[] order;
    private SplitMix64 bRng;

    public UnalignedSampler(int sizeA, int sizeB, boolean serialBatches, long seed) {
        if (sizeA <= 0 || sizeB <= 0) {
            throw new IllegalArgumentException(
                    "both domains need images: trainA has " + sizeA + ", trainB has " + sizeB);
        }
        this.sizeA = sizeA;
        this.sizeB = sizeB;
        this.serialBatches = serialBatches;
        this.seed = seed;
        this.bRng = new SplitMix64(SplitMix64.derive(seed, B_STREAM));
        this.order = orderFor(0);
    }

    /** Items per epoch: max(|A|, |B|). */
    public int length() {
        return Math.max(sizeA, sizeB);
    }

    /** Epochs completed since the start (0 during the first). */
    public int epoch() {
        return epoch;
    }

    /** Items already taken in the current epoch. */
    public int position() {
        return position;
    }

    public boolean hasNext() {
        return position < length();
    }

    /** The next item of the current epoch. */
    public UnalignedPair next() {
        if (!hasNext()) {
            throw new NoSuchElementException("epoch " + epoch + " is over; call nextEpoch()");
        }
        int index = order == null ? position : order[position];
        position++;
        int b = serialBatches ? index % sizeB : bRng.nextInt(sizeB);
        return new UnalignedPair(index, index % sizeA, b);
    }

    /** Starts the next epoch, with a new shuffle unless serial. */
    public void nextEpoch() {
        epoch++;
        position = 0;
        order = orderFor(epoch);
    }

    public UnalignedSamplerState state() {
        return new UnalignedSamplerState(sizeA, sizeB, epoch, position, bRng.state());
    }

    public void restore(UnalignedSamplerState state) {
        if (state.sizeA() != sizeA || state.sizeB() != sizeB) {
            throw new IllegalArgumentException("sampler state was saved for " + state.sizeA() + " A and "
                    + state.sizeB() + " B images, the dataset now has " + sizeA + " and " + sizeB);
        }
        epoch = state.epoch();
        position = state.position();
        order = orderFor(epoch);
        bRng = new SplitMix64(state.bRngState());
    }

    /** Fisher-Yates permutation of the dataset indices for one epoch; {@code null} means in order. */
    private int[] orderFor(int epochNumber) {
        if (serialBatches) {
            return null;
        }
        SplitMix64 rng = new SplitMix64(SplitMix64.derive(seed, epochNumber));
        int[] permutation = new int[length()];
        for (int i = 0; i < permutation.length; i++) {
            permutation[i] = i;
        }
        for (int i = permutation.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int swap = permutation[i];
            permutation[i] = permutation[j];
            permutation[j] = swap;
        }
        return permutation;
    }
}
