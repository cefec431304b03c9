package io.github.cyclegan.training;

/**
 * PyTorch's StepLR: every {@code stepSize} steps the rate is multiplied by {@code gamma}. Computed
 * recursively from the previous rate, as PyTorch's {@code get_lr} does, so values match bit for bit.
 */
public final class StepLrSchedule implements LrSchedule {
    public static final String POLICY = "step";

    private final int stepSize;
    private final double gamma;
    private int steps;
    private double lr;

    public StepLrSchedule(double baseLr, int stepSize, double gamma) {
        if (!(baseLr > 0) || stepSize < 1 || !(gamma > 0)) {
            throw new IllegalArgumentException(
                    "invalid step schedule: lr " + baseLr + ", step size " + stepSize + ", gamma " + gamma);
        }
        this.stepSize = stepSize;
        this.gamma = gamma;
        this.lr = baseLr;
    }

    @Override
    public String policy() {
        return POLICY;
    }

    @Override
    public double learningRate() {
        return lr;
    }

    @Override
    public int stepCount() {
        return steps;
    }

    @Override
    public void step(double metric) {
        step();
    }

    @Override
    public void step() {
        steps++;
        if (steps % stepSize == 0) {
            lr = lr * gamma;
        }
    }

    @Override
    public LrScheduleState state() {
        return LrScheduleState.of(POLICY, steps, lr);
    }

    @Override
    public void restore(LrScheduleState state) {
        state.requirePolicy(POLICY);
        steps = state.stepCount();
        lr = state.learningRate();
    }
}
