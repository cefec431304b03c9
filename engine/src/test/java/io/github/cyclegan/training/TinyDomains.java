package io.github.cyclegan.training;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.github.cyclegan.messaging.options.DiscriminatorArchitecture;
import io.github.cyclegan.messaging.options.GeneratorArchitecture;
import io.github.cyclegan.messaging.options.LrPolicy;
import io.github.cyclegan.messaging.options.PreprocessMode;
import io.github.cyclegan.model.DiscriminatorSpec;
import io.github.cyclegan.model.GeneratorSpec;

/**
 * Two tiny synthetic domains for training tests: A has dark squares on a light background, B has
 * light squares on a dark background, each image with a random square position.
 */
final class TinyDomains {

    static final int SIZE = 16;

    private TinyDomains() {
    }

    static ImageSet domain(boolean darkOnLight, int count, long seed) {
        Random random = new Random(seed);
        List<BufferedImage> images = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            BufferedImage image = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = image.createGraphics();
            g.setColor(darkOnLight ? new Color(230, 220, 200) : new Color(20, 30, 60));
            g.fillRect(0, 0, SIZE, SIZE);
            g.setColor(darkOnLight ? new Color(40, 40, 40) : new Color(250, 250, 120));
            g.fillRect(random.nextInt(SIZE / 2), random.nextInt(SIZE / 2), SIZE / 2, SIZE / 2);
            g.dispose();
            images.add(image);
        }
        return new ImageSet() {
            @Override
            public int size() {
                return images.size();
            }

            @Override
            public BufferedImage load(int index) {
                return images.get(index);
            }
        };
    }

    /** ResNet-6 generators with ngf 4, n_layers 2 discriminators with ndf 4, crops of 16 px from 18. */
    static TrainingPlan plan(int poolSize, int nEpochs, int nEpochsDecay, int checkpointEvery) {
        return plan(poolSize, nEpochs, nEpochsDecay, checkpointEvery,
                new PreprocessOptions(PreprocessMode.RESIZE_AND_CROP, SIZE + 2, SIZE, false, 3), 5e-4);
    }

    static TrainingPlan plan(int poolSize, int nEpochs, int nEpochsDecay, int checkpointEvery,
            PreprocessOptions preprocess, double lr) {
        CycleGanOptions model = CycleGanOptions.defaults()
                .withNetworks(GeneratorSpec.defaults().withArchitecture(GeneratorArchitecture.RESNET_6BLOCKS).withNgf(4),
                        DiscriminatorSpec.defaults().withArchitecture(io.github.cyclegan.messaging.options.DiscriminatorArchitecture.N_LAYERS)
                                .withLayers(2).withNdf(4))
                .withPoolSize(poolSize)
                .withSeed(42);
        LrScheduleOptions schedule = new LrScheduleOptions(LrPolicy.LINEAR, lr, 1, nEpochs, nEpochsDecay, 50);
        return new TrainingPlan(model, preprocess, schedule, 1, false, checkpointEvery, 0);
    }
}
