package io.github.cyclegan.training;

import io.github.cyclegan.messaging.options.LrPolicy;

/**
 * The reference's linear rule (a LambdaLR): constant for {@code nEpochs}, then linear decay over
 * {@code nEpochsDecay + 1}, so the last epoch still trains with a small non-zero rate.
 */
public final class LinearLrSchedule extends AbstractLrSchedule {

    private final double baseLr;
    private final int epochCount;
    private final int nEpochs;
    private final int nEpochsDecay;

    public LinearLrSchedule(double baseLr, int epochCount, int nEpochs, int nEpochsDecay) {
        super(LrPolicy.LINEAR.optionName(), baseLr);
        if (!(baseLr > 0) || nEpochs < 0 || nEpochsDecay < 0 || epochCount < 1) {
            throw new IllegalArgumentException("invalid linear schedule: lr " + baseLr + ", epoch_count "
                    + epochCount + ", n_epochs " + nEpochs + ", n_epochs_decay " + nEpochsDecay);
        }
        this.baseLr = baseLr;
        this.epochCount = epochCount;
        this.nEpochs = nEpochs;
        this.nEpochsDecay = nEpochsDecay;
        this.lr = rateAt(0);
    }

    @Override
    public void step() {
        steps++;
        lr = rateAt(steps);
    }

    @Override
    public void restore(LrScheduleState state) {
        super.restore(state);
        lr = rateAt(steps);
    }

    /** LambdaLR multiplies the base rate by the factor of the current step; same operation order. */
    private double rateAt(int step) {
        double factor = 1.0 - Math.max(0, step + epochCount - nEpochs) / (double) (nEpochsDecay + 1);
        return baseLr * factor;
    }
}
