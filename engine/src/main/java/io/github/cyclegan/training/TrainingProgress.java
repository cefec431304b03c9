package io.github.cyclegan.training;

/**
 * Where a run stands, saved as {@code progress.json} in every checkpoint.
 *
 * @param formatVersion   checkpoint layout version
 * @param epoch           epoch in progress (or the next one, when {@code epochIteration} is 0)
 * @param epochIteration  iterations done in that epoch
 * @param iteration       iterations done since the run started
 * @param completed       true when the run finished its last epoch
 * @param epochLossSum    sum of the generator losses of this epoch so far (the plateau policy's metric)
 */
public record TrainingProgress(int formatVersion, int epoch, int epochIteration, long iteration, boolean completed,
        LrScheduleState schedule, UnalignedSamplerState sampler, long preprocessRng, double epochLossSum) {

    public static final int FORMAT_VERSION = 1;

    public TrainingProgress {
        if (formatVersion != FORMAT_VERSION) {
            throw new IllegalArgumentException("checkpoint format " + formatVersion + " is not supported (expected "
                    + FORMAT_VERSION + ")");
        }
    }
}
