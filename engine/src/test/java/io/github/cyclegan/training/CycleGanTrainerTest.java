package io.github.cyclegan.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import ai.djl.ndarray.NDManager;
import io.github.cyclegan.messaging.Network;
import io.github.cyclegan.messaging.options.GanMode;
import io.github.cyclegan.weights.NamedTensor;
import io.github.cyclegan.model.WeightFiles;

class CycleGanTrainerTest {

    /** wgangp also draws the gradient penalty's mixing weights, whose stream position the checkpoint carries. */
    @ParameterizedTest
    @EnumSource(value = GanMode.class, names = {"LSGAN", "WGANGP"})
    void resumingFromACheckpointGivesTheWeightsOfAnUninterruptedRun(GanMode ganMode) throws Exception {
        TrainingPlan tiny = TinyDomains.plan(3, 2, 1, 5);
        TrainingPlan plan = new TrainingPlan(tiny.model().withGanMode(ganMode), tiny.preprocess(), tiny.schedule(),
                tiny.batchSize(), tiny.serialBatches(), tiny.checkpointEvery(), tiny.sampleEvery());
        ImageSet a = TinyDomains.domain(true, 4, 1);
        ImageSet b = TinyDomains.domain(false, 5, 2);
        try (NDManager manager = NDManager.newBaseManager()) {
            List<MemoryCheckpoint> checkpoints = new ArrayList<>();
            List<NamedTensor> uninterrupted;
            List<NamedTensor> uninterruptedD;
            try (CycleGanTrainer trainer = new CycleGanTrainer(plan, a, b, manager)) {
                assertThat(trainer.run(new TrainingListener() {
                    @Override
                    public void onCheckpoint(TrainingCheckpoint checkpoint) {
                        checkpoints.add(MemoryCheckpoint.of(checkpoint));
                    }
                })).isEqualTo(TrainingOutcome.COMPLETED);
                assertThat(trainer.iteration()).isEqualTo(15);
                uninterrupted = WeightFiles.tensors(trainer.model().network(Network.G_A));
                uninterruptedD = WeightFiles.tensors(trainer.model().network(Network.D_A));
            }
            // Every 5 iterations (5 = end of epoch 1, so only once there) plus each epoch's end.
            assertThat(checkpoints).extracting(c -> c.progress().iteration()).containsExactly(5L, 10L, 15L);
            assertThat(checkpoints.get(2).progress().completed()).isTrue();

            MemoryCheckpoint midEpoch = checkpoints.get(0);
            try (CycleGanTrainer resumed = new CycleGanTrainer(plan, a, b, manager)) {
                assertThat(resumed.resume(midEpoch).iteration()).isEqualTo(5);
                assertThat(resumed.iteration()).isEqualTo(5);
                resumed.run(new TrainingListener() {});
                assertThat(resumed.iteration()).isEqualTo(15);
                assertThat(WeightFiles.tensors(resumed.model().network(Network.G_A))).isEqualTo(uninterrupted);
                assertThat(WeightFiles.tensors(resumed.model().network(Network.D_A))).isEqualTo(uninterruptedD);
            }
        }
    }

    @Test
    void stopsOnRequestWithACheckpointOfTheCurrentPosition() {
        TrainingPlan plan = TinyDomains.plan(2, 3, 0, 0);
        List<TrainingProgress> checkpoints = new ArrayList<>();
        List<IterationReport> reports = new ArrayList<>();
        try (NDManager manager = NDManager.newBaseManager();
                CycleGanTrainer trainer = new CycleGanTrainer(plan, TinyDomains.domain(true, 3, 1),
                        TinyDomains.domain(false, 3, 2), manager)) {
            TrainingOutcome outcome = trainer.run(new TrainingListener() {
                @Override
                public void onIteration(IterationReport report) {
                    reports.add(report);
                }

                @Override
                public void onCheckpoint(TrainingCheckpoint checkpoint) {
                    checkpoints.add(checkpoint.progress());
                }

                @Override
                public boolean stopRequested() {
                    return reports.size() == 4;
                }
            });
            assertThat(outcome).isEqualTo(TrainingOutcome.STOPPED);
            TrainingProgress last = checkpoints.get(checkpoints.size() - 1);
            assertThat(last.iteration()).isEqualTo(4);
            assertThat(last.epoch()).isEqualTo(2);
            assertThat(last.epochIteration()).isEqualTo(1);
            assertThat(last.completed()).isFalse();
            assertThat(reports.get(3).totalIterations()).isEqualTo(9);
            assertThat(reports.get(3).losses().asMap()).containsKeys("D_A", "G_A", "cycle_A", "idt_A", "D_B", "G_B",
                    "cycle_B", "idt_B");
        }
    }
}
