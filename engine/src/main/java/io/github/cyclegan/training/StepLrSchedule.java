package io.github.cyclegan.training;

import io.github.cyclegan.messaging.options.LrPolicy;

/**
 * PyTorch's StepLR: every {@code stepSize} steps the rate is multiplied by {@code gamma}. Computed
 * recursively from the previous rate, as PyTorch's {@code get_lr} does, so values match bit for bit.
 */
public final class StepLrSchedule extends AbstractLrSchedule {

    private final int stepSize;
    private final double gamma;

    public StepLrSchedule(double baseLr, int stepSize, double gamma) {
        super(LrPolicy.STEP.optionName(), baseLr);
        if (!(baseLr > 0) || stepSize < 1 || !(gamma > 0)) {
            throw new IllegalArgumentException(
                    "invalid step schedule: lr " + baseLr + ", step size " + stepSize + ", gamma " + gamma);
        }
        this.stepSize = stepSize;
        this.gamma = gamma;
    }

    @Override
    public void step() {
        steps++;
        if (steps % stepSize == 0) {
            lr = lr * gamma;
        }
    }
}
