package io.github.cyclegan.training;

/** Builds the schedule for a policy, as the reference's {@code get_scheduler}. */
public final class LrSchedules {

    private LrSchedules() {
    }

    public static LrSchedule create(LrScheduleOptions options) {
        return switch (options.policy()) {
            case LINEAR -> new LinearLrSchedule(
                    options.baseLr(), options.epochCount(), options.nEpochs(), options.nEpochsDecay());
            case STEP -> new StepLrSchedule(options.baseLr(), options.lrDecayIters(), 0.1);
            case PLATEAU -> new PlateauLrSchedule(options.baseLr(), 0.2, 0.01, 5);
            case COSINE -> new CosineLrSchedule(options.baseLr(), options.nEpochs(), 0.0);
        };
    }

    /** A schedule for {@code options} positioned where {@code state} was saved. */
    public static LrSchedule restore(LrScheduleOptions options, LrScheduleState state) {
        LrSchedule schedule = create(options);
        schedule.restore(state);
        return schedule;
    }
}
