package io.github.cyclegan.training;

import java.util.List;

/** Builds the schedule for a policy name, as the reference's {@code get_scheduler}. */
public final class LrSchedules {
    public static final List<String> POLICIES = List.of(
            LinearLrSchedule.POLICY, StepLrSchedule.POLICY, PlateauLrSchedule.POLICY, CosineLrSchedule.POLICY);

    private LrSchedules() {
    }

    public static LrSchedule create(LrScheduleOptions options) {
        return switch (options.policy()) {
            case LinearLrSchedule.POLICY -> new LinearLrSchedule(
                    options.baseLr(), options.epochCount(), options.nEpochs(), options.nEpochsDecay());
            case StepLrSchedule.POLICY -> new StepLrSchedule(options.baseLr(), options.lrDecayIters(), 0.1);
            case PlateauLrSchedule.POLICY -> new PlateauLrSchedule(options.baseLr(), 0.2, 0.01, 5);
            case CosineLrSchedule.POLICY -> new CosineLrSchedule(options.baseLr(), options.nEpochs(), 0.0);
            default -> throw new IllegalArgumentException(
                    "learning rate policy [" + options.policy() + "] is not implemented; choose one of " + POLICIES);
        };
    }

    /** A schedule for {@code options} positioned where {@code state} was saved. */
    public static LrSchedule restore(LrScheduleOptions options, LrScheduleState state) {
        LrSchedule schedule = create(options);
        schedule.restore(state);
        return schedule;
    }
}
