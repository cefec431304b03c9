package io.github.cyclegan.training;

import java.util.List;

import io.github.cyclegan.image.ChwImage;

/**
 * Hooks the training loop calls on the training thread. The worker publishes progress, stores
 * checkpoints and samples, and asks to stop through them; all methods default to doing nothing.
 */
public interface TrainingListener {

    default void onIteration(IterationReport report) {
    }

    /**
     * A checkpoint to persist, with {@link TrainingCheckpoint#writeTo}, before this method returns: the checkpoint
     * reads the live model, which the next iteration changes. It must be stored completely before it counts:
     * {@code writeTo} writes {@link TrainingCheckpoint#PROGRESS} last, so a half-written checkpoint is never taken as
     * the latest.
     */
    default void onCheckpoint(TrainingCheckpoint checkpoint) {
    }

    /**
     * Sample visuals of the current batch's first images, in the order real A, fake B (G_A),
     * reconstructed A, real B, fake A (G_B), reconstructed B.
     */
    default void onSample(long iteration, List<ChwImage> visuals) {
    }

    default void onEpochEnd(int epoch, double learningRate) {
    }

    /** Polled before each iteration: true stops the run after a final checkpoint. */
    default boolean stopRequested() {
        return false;
    }
}
