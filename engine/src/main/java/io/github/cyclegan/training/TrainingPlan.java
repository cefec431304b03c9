package io.github.cyclegan.training;

import java.util.Objects;

/**
 * A whole training run: the model, the data pipeline, the learning-rate schedule and how often to
 * checkpoint and sample. Immutable and validated.
 *
 * @param model           networks, objective and seed
 * @param preprocess      per-image transform (--preprocess, --load_size, --crop_size, --no_flip, --input_nc)
 * @param schedule        learning rate and epochs (--lr, --lr_policy, --epoch_count, --n_epochs, --n_epochs_decay)
 * @param batchSize       images per domain per iteration (--batch_size)
 * @param serialBatches   take images in order, B paired by index (--serial_batches)
 * @param checkpointEvery iterations between checkpoints; 0 checkpoints only at the end of each epoch
 * @param sampleEvery     iterations between sample visuals; 0 never
 */
public record TrainingPlan(CycleGanOptions model, PreprocessOptions preprocess, LrScheduleOptions schedule, int batchSize,
        boolean serialBatches, int checkpointEvery, int sampleEvery) {

    public TrainingPlan {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(preprocess, "preprocess");
        Objects.requireNonNull(schedule, "schedule");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
        }
        if (checkpointEvery < 0 || sampleEvery < 0) {
            throw new IllegalArgumentException("checkpointEvery and sampleEvery must not be negative");
        }
        if (preprocess.inputNc() != model.generator().inputNc()) {
            throw new IllegalArgumentException("preprocess makes " + preprocess.inputNc()
                    + "-channel images but the generator takes " + model.generator().inputNc());
        }
    }

    /** The epoch numbers run, as the reference's loop: epochCount to nEpochs + nEpochsDecay inclusive. */
    public int lastEpoch() {
        return schedule.nEpochs() + schedule.nEpochsDecay();
    }
}
