package io.github.cyclegan.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.github.cyclegan.image.ChwImage;
import io.github.cyclegan.image.ImageTensors;
import io.github.cyclegan.messaging.options.PreprocessMode;

/** A tiny CycleGAN learns a tiny task: light-background images become dark-background ones and back. */
class CycleGanOverfitTest {

    @Test
    void learnsToSwapTheBackgroundsOfTwoTinyDomains() throws Exception {
        // Two images a domain, no augmentation, the reference's learning rate: a task to overfit.
        TrainingPlan plan = TinyDomains.plan(0, 100, 0, 0,
                new PreprocessOptions(PreprocessMode.RESIZE_AND_CROP, TinyDomains.SIZE, TinyDomains.SIZE, true, 3), 2e-4);
        ImageSet a = TinyDomains.domain(true, 2, 1);
        ImageSet b = TinyDomains.domain(false, 2, 2);
        List<Double> cycle = new ArrayList<>();
        try (NDManager manager = NDManager.newBaseManager(); CycleGanTrainer trainer = new CycleGanTrainer(plan, a, b, manager)) {
            trainer.run(new TrainingListener() {
                @Override
                public void onIteration(IterationReport report) {
                    cycle.add(report.losses().cycleA() + report.losses().cycleB());
                }
            });
            double first = cycle.subList(0, 8).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            double last = cycle.subList(cycle.size() - 8, cycle.size()).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            assertThat(last).as("mean cycle loss of the last 8 iterations vs the first 8").isLessThan(first * 0.6);

            NDArray realA = ImageTensors.toNDArray(a.load(0), 3, manager).expandDims(0);
            NDArray realB = ImageTensors.toNDArray(b.load(0), 3, manager).expandDims(0);
            List<ChwImage> visuals = trainer.model().visuals(realA, realB);
            double lightBackground = corner(visuals.get(0));
            double translatedA = corner(visuals.get(1));
            double darkBackground = corner(visuals.get(3));
            double translatedB = corner(visuals.get(4));
            assertThat(lightBackground).isGreaterThan(0.5);
            assertThat(darkBackground).isLessThan(-0.5);
            assertThat(translatedA).as("background of G_A(a)").isLessThan(-0.3);
            assertThat(translatedB).as("background of G_B(b)").isGreaterThan(0.3);
        }
    }

    /** Mean value of the bottom-right pixel over channels: the background, never the square. */
    private static double corner(ChwImage image) {
        int plane = image.height() * image.width();
        double sum = 0;
        for (int c = 0; c < image.channels(); c++) {
            sum += image.data()[c * plane + plane - 1];
        }
        return sum / image.channels();
    }
}
