package io.github.cyclegan.training;

/**
 * PyTorch's StepLR: every {@code stepSize} steps the rate is multiplied by {@code gamma}. Computed
 * recursively from the previous rate, as PyTorch's {@code get_lr} does, so values match bit for bit.
 */
public final class StepLrSchedule extends AbstractLrSchedule {
    public static final String POLICY = "step";

    private final int stepSize;
    private final double gamma;

    public StepLrSchedule(double baseLr, int stepSize, double gamma) {
        super(POLICY, baseLr);
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
