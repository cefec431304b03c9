package io.github.cyclegan.training;

/**
 * Per-epoch learning-rate schedule, as the reference's {@code get_scheduler}: the rate for the first
 * epoch is {@link #learningRate()} before any step, and {@link #step(double)} is called once at the
 * END of each epoch (the reference's {@code update_learning_rate}).
 */
public interface LrSchedule {

    /** The policy name ({@code linear}, {@code step}, {@code plateau}, {@code cosine}). */
    String policy();

    /** The learning rate to use for the current epoch. */
    double learningRate();

    /** Number of end-of-epoch steps taken so far (PyTorch's {@code last_epoch}). */
    int stepCount();

    /**
     * Ends an epoch. Only {@code plateau} uses the metric (lower is better); the other policies
     * ignore it, as the reference passes a metric only to ReduceLROnPlateau.
     */
    void step(double metric);

    /** Ends an epoch for policies that need no metric. */
    void step();

    /** The position to store in a checkpoint. */
    LrScheduleState state();

    /** Continues from a stored position; the state must come from the same policy. */
    void restore(LrScheduleState state);
}
