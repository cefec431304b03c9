package io.github.cyclegan.training;

import io.github.cyclegan.messaging.options.LrPolicy;

/**
 * The reference's TrainOptions that shape the learning-rate schedule.
 *
 * @param policy       --lr_policy
 * @param baseLr       initial rate (--lr)
 * @param epochCount   first epoch number (--epoch_count); shifts the linear rule
 * @param nEpochs      epochs at the initial rate (--n_epochs); also cosine's T_max
 * @param nEpochsDecay epochs of linear decay (--n_epochs_decay)
 * @param lrDecayIters StepLR's step size in epochs (--lr_decay_iters)
 */
public record LrScheduleOptions(
        LrPolicy policy, double baseLr, int epochCount, int nEpochs, int nEpochsDecay, int lrDecayIters) {

    /** The reference's defaults: linear, 2e-4, epoch 1, 100 + 100 epochs, step size 50. */
    public static LrScheduleOptions defaults() {
        return new LrScheduleOptions(LrPolicy.LINEAR, 2e-4, 1, 100, 100, 50);
    }

    public LrScheduleOptions {
        if (policy == null) {
            throw new IllegalArgumentException("lr policy is required");
        }
        if (!(baseLr > 0) || Double.isInfinite(baseLr)) {
            throw new IllegalArgumentException("lr must be a positive finite number, was " + baseLr);
        }
        if (epochCount < 1) {
            throw new IllegalArgumentException("epoch_count must be >= 1, was " + epochCount);
        }
        if (nEpochs < 0 || nEpochsDecay < 0) {
            throw new IllegalArgumentException(
                    "n_epochs and n_epochs_decay must be >= 0, were " + nEpochs + " and " + nEpochsDecay);
        }
        if (lrDecayIters < 1) {
            throw new IllegalArgumentException("lr_decay_iters must be >= 1, was " + lrDecayIters);
        }
    }

    public LrScheduleOptions withPolicy(LrPolicy newPolicy) {
        return new LrScheduleOptions(newPolicy, baseLr, epochCount, nEpochs, nEpochsDecay, lrDecayIters);
    }
}
