package io.github.cyclegan.training;

/**
 * What every policy shares: a step count and a current rate, saved and restored as a
 * {@link LrScheduleState}. Subclasses define how one end-of-epoch step changes the rate.
 */
abstract class AbstractLrSchedule implements LrSchedule {

    private final String policy;
    /** End-of-epoch steps taken (PyTorch's {@code last_epoch}). */
    protected int steps;
    protected double lr;

    AbstractLrSchedule(String policy, double baseLr) {
        this.policy = policy;
        this.lr = baseLr;
    }

    @Override
    public String policy() {
        return policy;
    }

    @Override
    public double learningRate() {
        return lr;
    }

    @Override
    public int stepCount() {
        return steps;
    }

    /** Policies other than plateau ignore the metric, as the reference passes it to ReduceLROnPlateau only. */
    @Override
    public void step(double metric) {
        step();
    }

    @Override
    public LrScheduleState state() {
        return LrScheduleState.of(policy, steps, lr);
    }

    @Override
    public void restore(LrScheduleState state) {
        state.requirePolicy(policy);
        steps = state.stepCount();
        lr = state.learningRate();
    }
}
