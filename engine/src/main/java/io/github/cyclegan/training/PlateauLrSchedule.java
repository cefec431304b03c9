package io.github.cyclegan.training;

import io.github.cyclegan.messaging.options.LrPolicy;

/**
 * PyTorch's ReduceLROnPlateau in mode {@code min} with a relative threshold, no cooldown and
 * {@code min_lr} 0: after more than {@code patience} epochs without the metric dropping below
 * {@code best * (1 - threshold)}, the rate is multiplied by {@code factor}.
 */
public final class PlateauLrSchedule extends AbstractLrSchedule {
    /** PyTorch's {@code eps}: reductions smaller than this are skipped. */
    private static final double EPS = 1e-8;

    private final double factor;
    private final double threshold;
    private final int patience;
    private double best = Double.POSITIVE_INFINITY;
    private int badEpochs;

    public PlateauLrSchedule(double baseLr, double factor, double threshold, int patience) {
        super(LrPolicy.PLATEAU.optionName(), baseLr);
        if (!(baseLr > 0) || !(factor > 0 && factor < 1) || !(threshold >= 0) || patience < 0) {
            throw new IllegalArgumentException("invalid plateau schedule: lr " + baseLr + ", factor " + factor
                    + ", threshold " + threshold + ", patience " + patience);
        }
        this.factor = factor;
        this.threshold = threshold;
        this.patience = patience;
    }

    @Override
    public void step(double metric) {
        steps++;
        if (metric < best * (1 - threshold)) {
            best = metric;
            badEpochs = 0;
        } else {
            badEpochs++;
        }
        if (badEpochs > patience) {
            double reduced = lr * factor;
            if (lr - reduced > EPS) {
                lr = reduced;
            }
            badEpochs = 0;
        }
    }

    /** Always fails: ReduceLROnPlateau cannot step without a metric. */
    @Override
    public void step() {
        throw new IllegalStateException("the plateau LR policy needs a metric: call step(metric)");
    }

    @Override
    public LrScheduleState state() {
        return new LrScheduleState(policy(), steps, lr, Double.isInfinite(best) ? null : best, badEpochs);
    }

    @Override
    public void restore(LrScheduleState state) {
        super.restore(state);
        best = state.best() == null ? Double.POSITIVE_INFINITY : state.best();
        badEpochs = state.badEpochs();
    }
}
