package io.github.cyclegan.trainingworker.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.github.cyclegan.messaging.ModelArchitecture;
import io.github.cyclegan.messaging.TrainingConfig;
import io.github.cyclegan.messaging.options.DiscriminatorArchitecture;
import io.github.cyclegan.messaging.options.GanMode;
import io.github.cyclegan.messaging.options.GeneratorArchitecture;
import io.github.cyclegan.messaging.options.LrPolicy;
import io.github.cyclegan.messaging.options.NormType;
import io.github.cyclegan.messaging.options.PreprocessMode;
import io.github.cyclegan.messaging.options.TrainingDevice;
import io.github.cyclegan.storage.S3Uri;
import io.github.cyclegan.training.TrainingPlan;

class JobConfigTest {

    @Test
    void theDefaultsBecomeTheReferencePlanWithTheWorkersIntervals() {
        JobConfig config = JobConfig.of(TrainingConfig.defaults(), 5000, 400);
        TrainingPlan plan = config.plan();
        assertThat(plan.model().generator().architecture()).isEqualTo(GeneratorArchitecture.RESNET_9BLOCKS);
        assertThat(plan.model().generator().ngf()).isEqualTo(64);
        assertThat(plan.model().generator().norm()).isEqualTo(NormType.INSTANCE);
        assertThat(plan.model().generator().dropout()).isFalse();
        assertThat(plan.model().discriminator().effectiveLayers()).isEqualTo(3);
        assertThat(plan.model().ganMode()).isEqualTo(GanMode.LSGAN);
        assertThat(plan.model().lambdaA()).isEqualTo(10.0);
        assertThat(plan.model().lambdaIdentity()).isEqualTo(0.5);
        assertThat(plan.model().poolSize()).isEqualTo(50);
        assertThat(plan.model().beta1()).isEqualTo(0.5);
        assertThat(plan.schedule().baseLr()).isEqualTo(0.0002);
        assertThat(plan.lastEpoch()).isEqualTo(200);
        assertThat(plan.preprocess().mode()).isEqualTo(PreprocessMode.RESIZE_AND_CROP);
        assertThat(plan.preprocess().loadSize()).isEqualTo(286);
        assertThat(plan.preprocess().cropSize()).isEqualTo(256);
        assertThat(plan.batchSize()).isEqualTo(1);
        assertThat(plan.checkpointEvery()).isEqualTo(5000);
        assertThat(plan.sampleEvery()).isEqualTo(400);
        assertThat(config.device()).isEqualTo(TrainingDevice.AUTO);
        assertThat(config.initFrom()).isEmpty();
        assertThat(config.architecture()).isEqualTo(ModelArchitecture.referenceDefault());
    }

    @Test
    void everyOptionReachesThePlan() {
        JobConfig config = JobConfig.of(TrainingConfig.of(Map.ofEntries(Map.entry("netG", "unet_128"),
                Map.entry("netD", "n_layers"), Map.entry("nLayersD", 2), Map.entry("ngf", 8), Map.entry("ndf", 4),
                Map.entry("norm", "batch"), Map.entry("noDropout", false), Map.entry("ganMode", "vanilla"),
                Map.entry("lrPolicy", "step"), Map.entry("lrDecayIters", 7), Map.entry("preprocess", "crop"),
                Map.entry("loadSize", 128), Map.entry("cropSize", 128), Map.entry("batchSize", 2),
                Map.entry("inputNc", 1), Map.entry("outputNc", 1), Map.entry("seed", 9), Map.entry("checkpointInterval", 0),
                Map.entry("sampleInterval", 10), Map.entry("device", "cpu"), Map.entry("initFrom", "s3://bkt/tuned"))),
                5000, 400);

        TrainingPlan plan = config.plan();
        assertThat(plan.model().discriminator().architecture()).isEqualTo(DiscriminatorArchitecture.N_LAYERS);
        assertThat(plan.model().discriminator().effectiveLayers()).isEqualTo(2);
        assertThat(plan.model().discriminator().ndf()).isEqualTo(4);
        assertThat(plan.model().generator().dropout()).isTrue();
        assertThat(plan.model().ganMode()).isEqualTo(GanMode.VANILLA);
        assertThat(plan.model().seed()).isEqualTo(9);
        assertThat(plan.schedule().policy()).isEqualTo(LrPolicy.STEP);
        assertThat(plan.schedule().lrDecayIters()).isEqualTo(7);
        assertThat(plan.preprocess().mode()).isEqualTo(PreprocessMode.CROP);
        assertThat(plan.preprocess().inputNc()).isEqualTo(1);
        assertThat(plan.batchSize()).isEqualTo(2);
        assertThat(plan.checkpointEvery()).isZero();
        assertThat(plan.sampleEvery()).isEqualTo(10);
        assertThat(config.device()).isEqualTo(TrainingDevice.CPU);
        assertThat(config.initFrom()).contains(S3Uri.parse("s3://bkt/tuned/"));
        assertThat(config.architecture()).isEqualTo(new ModelArchitecture(GeneratorArchitecture.UNET_128, 8,
                NormType.BATCH, 1, 1, true));
    }

    @Test
    void theHashIgnoresIntervalsDeviceAndInitFromButNotHyperParameters() {
        String base = hash(Map.of());
        assertThat(hash(Map.of("checkpointInterval", 10, "sampleInterval", 0, "device", "cpu",
                "initFrom", "s3://bkt/x/"))).isEqualTo(base);
        assertThat(hash(Map.of("lr", 0.001))).isNotEqualTo(base);
        assertThat(hash(Map.of("ngf", 64))).isEqualTo(base);
    }

    /** The values the hand-written reader before TrainingConfig gave, so that jobs it checkpointed still resume. */
    @Test
    void theHashIsTheOneEarlierBuildsStoredWithTheirCheckpoints() {
        assertThat(hash(Map.of())).isEqualTo("cc71eef3dbf73211a203847412f1f58b");
        assertThat(hash(Map.of("netG", "resnet_6blocks", "ngf", 16, "ndf", 16, "inputNc", 1, "outputNc", 1,
                "loadSize", 28, "cropSize", 28, "nEpochs", 2, "lr", 0.00002, "seed", 7)))
                .isEqualTo("c081ca4d4c8aeca4ebffcc125a1ef1a0");
        assertThat(hash(Map.of("lambdaA", 5, "initFrom", "s3://bkt/x/", "device", "cpu", "noFlip", true,
                "lrPolicy", "step"))).isEqualTo("ad11cbf0efc93df9f7030b2ab7471683");
    }

    private static String hash(Map<String, Object> values) {
        return JobConfig.of(TrainingConfig.of(values), 5000, 400).hash();
    }
}
