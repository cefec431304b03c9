package io.github.cyclegan.cli.demo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.cyclegan.evaluation.FashionMnistClassifier;
import io.github.cyclegan.messaging.Network;
import io.github.cyclegan.messaging.TrainingConfig;
import io.github.cyclegan.messaging.options.GeneratorArchitecture;

/**
 * The demo's model: a small ResNet CycleGAN on 28x28 grayscale Fashion-MNIST images, sneakers (A)
 * to ankle boots (B). Small enough to train on two CPU cores in minutes (about 0.15 s an iteration),
 * large enough for the shape change.
 *
 * @param epochs      epochs at the initial learning rate
 * @param epochsDecay epochs of linear decay to zero
 * @param lr          initial learning rate
 * @param seed        seeds weights, data order and augmentation: the same seed gives the same report
 * @param initFrom    {@code s3://} folder of weights to fine-tune from; null trains from scratch
 */
record DemoRecipe(int epochs, int epochsDecay, double lr, long seed, String initFrom) {

    static final String MODEL = "sneakers2boots";
    static final String DATASET = "sneakers2boots";
    static final int CLASS_A = FashionMnistClassifier.SNEAKER;
    static final int CLASS_B = FashionMnistClassifier.ANKLE_BOOT;
    static final int CHANNELS = 1;
    /** Every network file of a checkpoint: what --save-pretrained keeps and a fine-tuning run starts from. */
    static final List<Network> NETWORKS = List.of(Network.values());
    /** The reference's rate, for training from scratch. */
    static final double SCRATCH_LR = 2e-4;
    /**
     * A tenth of it for fine-tuning: at the full rate a fresh Adam's first steps shook the pretrained
     * generators enough to cost boots-to-sneakers 9 points of classifier score in 800 iterations.
     */
    static final double FINE_TUNE_LR = 2e-5;

    DemoRecipe withInitFrom(String folder) {
        return new DemoRecipe(epochs, epochsDecay, lr, seed, folder);
    }

    /** @throws IllegalArgumentException naming the config key a value does not fit */
    TrainingConfig jobConfig() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("netG", GeneratorArchitecture.RESNET_6BLOCKS);
        config.put("ngf", 16);
        config.put("ndf", 16);
        config.put("inputNc", CHANNELS);
        config.put("outputNc", CHANNELS);
        config.put("loadSize", 28);
        config.put("cropSize", 28);
        config.put("nEpochs", epochs);
        config.put("nEpochsDecay", epochsDecay);
        config.put("lr", lr);
        config.put("seed", seed);
        config.put("checkpointInterval", 0);
        if (initFrom != null) {
            config.put("initFrom", initFrom);
        }
        return TrainingConfig.of(config);
    }
}
