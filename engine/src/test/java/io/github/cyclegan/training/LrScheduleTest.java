package io.github.cyclegan.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import io.github.cyclegan.messaging.options.LrPolicy;

class LrScheduleTest {
    private static final double BASE = 2e-4;

    /** Learning rate used in each epoch 1..epochs: read before the end-of-epoch step. */
    private static List<Double> ratesPerEpoch(LrSchedule schedule, int epochs, double[] metrics) {
        List<Double> rates = new ArrayList<>();
        for (int e = 0; e < epochs; e++) {
            rates.add(schedule.learningRate());
            schedule.step(metrics == null ? 0.0 : metrics[e]);
        }
        return rates;
    }

    @Test
    void linearMatchesTheReferenceTable() {
        List<Double> rates = ratesPerEpoch(LrSchedules.create(LrScheduleOptions.defaults()), 200, null);
        assertThat(rates.get(0)).isEqualTo(2e-4);          // epoch 1
        assertThat(rates.get(99)).isEqualTo(2e-4);         // epoch 100
        assertThat(rates.get(100)).isCloseTo(2e-4 * 100 / 101, within(1e-18)); // epoch 101
        assertThat(rates.get(199)).isCloseTo(2e-4 / 101, within(1e-18));       // epoch 200, never 0
        assertThat(rates.get(199)).isPositive();
    }

    @Test
    void linearEpochCountShiftsTheDecay() {
        // --continue_train --epoch_count 51: the first run epoch is 51, decay still starts at epoch 101.
        LrSchedule schedule = LrSchedules.create(new LrScheduleOptions(LrPolicy.LINEAR, BASE, 51, 100, 100, 50));
        List<Double> rates = ratesPerEpoch(schedule, 150, null);
        assertThat(rates.get(49)).isEqualTo(BASE);                                    // epoch 100
        assertThat(rates.get(50)).isCloseTo(BASE * 100 / 101, within(1e-18));         // epoch 101
        assertThat(rates.get(149)).isCloseTo(BASE / 101, within(1e-18));              // epoch 200
    }

    @Test
    void stepDividesByTenEveryLrDecayIters() {
        LrSchedule schedule = LrSchedules.create(new LrScheduleOptions(LrPolicy.STEP, 1.0, 1, 100, 100, 3));
        List<Double> rates = ratesPerEpoch(schedule, 8, null);
        assertThat(rates.subList(0, 3)).containsOnly(1.0);
        assertThat(rates.subList(3, 6)).allSatisfy(r -> assertThat(r).isCloseTo(0.1, within(1e-15)));
        assertThat(rates.get(6)).isCloseTo(0.01, within(1e-15));
    }

    @Test
    void plateauReducesAfterMoreThanPatienceBadEpochs() {
        // 0.995 is not below 1.0 * (1 - 0.01): epochs 2..7 are bad; the 6th bad one (> patience 5) reduces.
        double[] metrics = {1.0, 0.995, 0.995, 0.995, 0.995, 0.995, 0.995, 0.5, 0.5};
        LrSchedule schedule = LrSchedules.create(LrScheduleOptions.defaults().withPolicy(LrPolicy.PLATEAU));
        List<Double> rates = ratesPerEpoch(schedule, metrics.length, metrics);
        assertThat(rates.subList(0, 7)).containsOnly(BASE);
        assertThat(rates.get(7)).isCloseTo(BASE * 0.2, within(1e-18));
        assertThat(rates.get(8)).isCloseTo(BASE * 0.2, within(1e-18));
        assertThat(schedule.state().best()).isEqualTo(0.5);
        assertThat(schedule.state().badEpochs()).isEqualTo(1); // the second 0.5 is no improvement
    }

    @Test
    void plateauWithTheReferenceConstantMetricDecaysEverySixEpochs() {
        // CycleGANModel never sets self.metric, so ReduceLROnPlateau sees 0 every epoch.
        LrSchedule schedule = LrSchedules.create(LrScheduleOptions.defaults().withPolicy(LrPolicy.PLATEAU));
        List<Double> rates = ratesPerEpoch(schedule, 14, new double[14]);
        assertThat(rates.get(6)).isEqualTo(BASE);
        assertThat(rates.get(7)).isCloseTo(BASE * 0.2, within(1e-18));
        assertThat(rates.get(13)).isCloseTo(BASE * 0.04, within(1e-18));
    }

    @Test
    void plateauRefusesToStepWithoutAMetric() {
        LrSchedule schedule = LrSchedules.create(LrScheduleOptions.defaults().withPolicy(LrPolicy.PLATEAU));
        assertThatThrownBy(schedule::step).isInstanceOf(IllegalStateException.class).hasMessageContaining("metric");
    }

    @Test
    void cosineFollowsTheClosedFormAndKeepsOscillatingPastTMax() {
        int tMax = 10;
        LrSchedule schedule = LrSchedules.create(new LrScheduleOptions(LrPolicy.COSINE, 1.0, 1, tMax, 0, 50));
        List<Double> rates = ratesPerEpoch(schedule, 3 * tMax + 1, null);
        for (int t = 0; t <= 3 * tMax; t++) {
            double closedForm = 0.5 * (1 + Math.cos(Math.PI * t / tMax));
            assertThat(rates.get(t)).as("t=%d", t).isCloseTo(closedForm, within(1e-12));
        }
        assertThat(rates.get(tMax)).isZero();
        assertThat(rates.get(2 * tMax)).isCloseTo(1.0, within(1e-12));
    }

    @ParameterizedTest
    @EnumSource(LrPolicy.class)
    void restoredScheduleContinuesExactlyLikeTheUninterruptedOne(LrPolicy policy) throws Exception {
        LrScheduleOptions options = new LrScheduleOptions(policy, BASE, 1, 12, 12, 5);
        double[] metrics = new double[30];
        for (int i = 0; i < metrics.length; i++) {
            metrics[i] = i % 9 == 0 ? 1.0 / (i + 1) : 0.9;
        }
        List<Double> uninterrupted = ratesPerEpoch(LrSchedules.create(options), 30, metrics);

        LrSchedule first = LrSchedules.create(options);
        List<Double> resumed = new ArrayList<>(ratesPerEpoch(first, 17, metrics));
        ObjectMapper json = new ObjectMapper();
        String saved = json.writeValueAsString(first.state());
        LrSchedule second = LrSchedules.restore(options, json.readValue(saved, LrScheduleState.class));
        for (int e = 17; e < 30; e++) {
            resumed.add(second.learningRate());
            second.step(metrics[e]);
        }
        assertThat(resumed).containsExactlyElementsOf(uninterrupted);
        assertThat(second.stepCount()).isEqualTo(30);
    }

    @Test
    void stateOfAnotherPolicyIsRejected() {
        LrSchedule linear = LrSchedules.create(LrScheduleOptions.defaults());
        LrScheduleState cosineState = LrSchedules.create(LrScheduleOptions.defaults().withPolicy(LrPolicy.COSINE)).state();
        assertThatThrownBy(() -> linear.restore(cosineState))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'cosine'");
    }

    @Test
    void invalidOptionsAreRejected() {
        assertThatThrownBy(() -> new LrScheduleOptions(LrPolicy.LINEAR, 0, 1, 100, 100, 50))
                .hasMessageContaining("lr must be");
        assertThatThrownBy(() -> new LrScheduleOptions(LrPolicy.STEP, BASE, 1, 100, 100, 0))
                .hasMessageContaining("lr_decay_iters");
        assertThatThrownBy(() -> LrSchedules.create(new LrScheduleOptions(LrPolicy.COSINE, BASE, 1, 0, 100, 50)))
                .hasMessageContaining("T_max");
    }
}
