package io.github.cyclegan.trainingworker.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.github.cyclegan.model.GeneratorArchitecture;
import io.github.cyclegan.model.NormType;
import io.github.cyclegan.training.GanMode;
import io.github.cyclegan.training.PreprocessMode;
import io.github.cyclegan.training.TrainingPlan;

class JobConfigTest {

    @Test
    void anEmptyConfigGetsTheReferenceDefaults() {
        JobConfig config = JobConfig.parse(Map.of(), 5000, 400);
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
        assertThat(config.device()).isEqualTo(DeviceChoice.AUTO);
    }

    @Test
    void theHashIgnoresIntervalsAndDeviceButNotHyperParameters() {
        String base = JobConfig.parse(Map.of(), 5000, 400).hash();
        assertThat(JobConfig.parse(Map.of("checkpointInterval", 10, "sampleInterval", 0, "device", "cpu"), 5000, 400).hash())
                .isEqualTo(base);
        assertThat(JobConfig.parse(Map.of("lr", 0.001), 5000, 400).hash()).isNotEqualTo(base);
    }

    @Test
    void invalidValuesNameTheOption() {
        assertThatThrownBy(() -> JobConfig.parse(Map.of("norm", "layer"), 1, 1))
                .hasMessage("config.norm: unknown norm 'layer'; expected one of instance, batch, none");
        assertThatThrownBy(() -> JobConfig.parse(Map.of("lr", 0), 1, 1))
                .hasMessage("config.lr: must be a number > 0.0, got 0.0");
        assertThatThrownBy(() -> JobConfig.parse(Map.of("beta1", 1.0), 1, 1))
                .hasMessage("config.beta1: must be a number >= 0.0 and < 1.0, got 1.0");
        assertThatThrownBy(() -> JobConfig.parse(Map.of("noFlip", "yes"), 1, 1))
                .hasMessage("config.noFlip: expected true or false, got \"yes\"");
        assertThatThrownBy(() -> JobConfig.parse(Map.of("inputNc", 2), 1, 1))
                .hasMessage("config.inputNc: must be 1 (grayscale) or 3 (RGB), got 2");
        assertThatThrownBy(() -> JobConfig.parse(Map.of("nEpochs", 0, "nEpochsDecay", 0), 1, 1))
                .hasMessage("config.nEpochs: nEpochs + nEpochsDecay (0) leaves no epoch to train from epochCount 1");
        assertThatThrownBy(() -> JobConfig.parse(Map.of("netG", "unet_256", "loadSize", 128, "cropSize", 128), 1, 1))
                .hasMessage("config.cropSize: unet_256 needs a multiple of 256 of at least 256, got 128");
        assertThatThrownBy(() -> JobConfig.parse(Map.of("cropSize", 300), 1, 1))
                .hasMessageStartingWith("config: crop_size 300 is larger than load_size 286");
    }
}
