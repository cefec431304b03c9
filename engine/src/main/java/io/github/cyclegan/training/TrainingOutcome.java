package io.github.cyclegan.training;

/** How {@link CycleGanTrainer#run} ended. */
public enum TrainingOutcome {
    /** Every epoch ran; the last checkpoint is marked completed. */
    COMPLETED,
    /** The listener asked to stop; a checkpoint of the current position was handed over first. */
    STOPPED
}
