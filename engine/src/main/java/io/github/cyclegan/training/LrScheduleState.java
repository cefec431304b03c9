package io.github.cyclegan.training;

/**
 * Saved position of an {@link LrSchedule}; plain values so that it serialises as JSON.
 *
 * @param policy       the schedule's policy name, checked on restore
 * @param stepCount    end-of-epoch steps taken so far
 * @param learningRate the current rate, stored because step and cosine compute it recursively
 *                     from the previous one, as PyTorch does
 * @param best         plateau only: best metric seen, {@code null} before the first step
 *                     (PyTorch's +inf, which plain JSON cannot carry)
 * @param badEpochs    plateau only: epochs since the last improvement
 */
public record LrScheduleState(String policy, int stepCount, double learningRate, Double best, int badEpochs) {
    public LrScheduleState {
        if (policy == null || policy.isBlank()) {
            throw new IllegalArgumentException("LR schedule state needs a policy name");
        }
        if (stepCount < 0) {
            throw new IllegalArgumentException("LR schedule stepCount must be >= 0, was " + stepCount);
        }
        if (!(learningRate >= 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("LR schedule learningRate must be finite and >= 0, was " + learningRate);
        }
        if (badEpochs < 0) {
            throw new IllegalArgumentException("LR schedule badEpochs must be >= 0, was " + badEpochs);
        }
    }

    static LrScheduleState of(String policy, int stepCount, double learningRate) {
        return new LrScheduleState(policy, stepCount, learningRate, null, 0);
    }

    void requirePolicy(String expected) {
        if (!expected.equals(policy)) {
            throw new IllegalArgumentException(
                    "cannot restore a '" + policy + "' LR schedule state into a '" + expected + "' schedule");
        }
    }
}
