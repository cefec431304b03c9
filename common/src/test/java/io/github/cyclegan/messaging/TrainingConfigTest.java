package io.github.cyclegan.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.github.cyclegan.messaging.options.DiscriminatorArchitecture;
import io.github.cyclegan.messaging.options.GanMode;
import io.github.cyclegan.messaging.options.GeneratorArchitecture;
import io.github.cyclegan.messaging.options.InitType;
import io.github.cyclegan.messaging.options.LrPolicy;
import io.github.cyclegan.messaging.options.NormType;
import io.github.cyclegan.messaging.options.PreprocessMode;
import io.github.cyclegan.messaging.options.TrainingDevice;
import io.github.cyclegan.storage.S3Uri;

class TrainingConfigTest {

    private static final String JOB = "{\"jobId\": \"job-7\", \"model\": \"m\", \"datasetA\": \"s3://bkt/a/\", "
            + "\"datasetB\": \"s3://bkt/b/\", \"config\": %s}";

    @Test
    void leftOutKeysTakeTheReferenceDefaults() {
        TrainingConfig config = decode("{}");

        assertThat(config).isEqualTo(TrainingConfig.defaults());
        assertThat(config.netG()).isEqualTo(GeneratorArchitecture.RESNET_9BLOCKS);
        assertThat(config.netD()).isEqualTo(DiscriminatorArchitecture.BASIC);
        assertThat(List.of(config.ngf(), config.ndf(), config.nLayersD(), config.poolSize())).containsExactly(64, 64, 3, 50);
        assertThat(config.norm()).isEqualTo(NormType.INSTANCE);
        assertThat(config.initType()).isEqualTo(InitType.NORMAL);
        assertThat(config.initGain()).isEqualTo(0.02);
        assertThat(config.noDropout()).isTrue();
        assertThat(config.ganMode()).isEqualTo(GanMode.LSGAN);
        assertThat(List.of(config.lambdaA(), config.lambdaB(), config.lambdaIdentity())).containsExactly(10.0, 10.0, 0.5);
        assertThat(List.of(config.lr(), config.beta1())).containsExactly(0.0002, 0.5);
        assertThat(List.of(config.nEpochs(), config.nEpochsDecay(), config.epochCount(), config.lrDecayIters()))
                .containsExactly(100, 100, 1, 50);
        assertThat(config.lrPolicy()).isEqualTo(LrPolicy.LINEAR);
        assertThat(config.preprocess()).isEqualTo(PreprocessMode.RESIZE_AND_CROP);
        assertThat(List.of(config.loadSize(), config.cropSize(), config.batchSize(), config.inputNc(), config.outputNc()))
                .containsExactly(286, 256, 1, 3, 3);
        assertThat(config.noFlip()).isFalse();
        assertThat(config.serialBatches()).isFalse();
        assertThat(config.seed()).isZero();
        assertThat(config.checkpointInterval()).isNull();
        assertThat(config.sampleInterval()).isNull();
        assertThat(config.device()).isEqualTo(TrainingDevice.AUTO);
        assertThat(config.initFrom()).isNull();
        assertThat(decode("{\"ngf\": null}")).isEqualTo(TrainingConfig.defaults());
        assertThat(MessageCodec.fromJson(JOB.formatted("null"), TrainingJob.class).config()).isEqualTo(config);
        assertThat(MessageCodec.fromJson(JOB.replace(", \"config\": %s", ""), TrainingJob.class).config()).isEqualTo(config);
    }

    @Test
    void travelsAsAnObjectOfEveryOptionThatHasAValue() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("netG", GeneratorArchitecture.RESNET_6BLOCKS);
        values.put("ngf", 16);
        values.put("lr", 2e-5);
        values.put("seed", 7L);
        values.put("checkpointInterval", 0);
        values.put("initFrom", "s3://bkt/models/m/versions/1/");
        TrainingJob job = new TrainingJob("job-7", "m", "s3://bkt/a/", "s3://bkt/b/", TrainingConfig.of(values));

        String json = MessageCodec.toJson(job);

        assertThat(json).contains("\"config\":{\"netG\":\"resnet_6blocks\",\"netD\":\"basic\",\"ngf\":16,\"ndf\":64,")
                .contains("\"lr\":2.0E-5,").contains("\"seed\":7,\"checkpointInterval\":0,\"device\":\"auto\","
                        + "\"initFrom\":\"s3://bkt/models/m/versions/1/\"}")
                .doesNotContain("sampleInterval");
        TrainingJob decoded = MessageCodec.fromJson(json, TrainingJob.class);
        assertThat(decoded).isEqualTo(job);
        assertThat(decoded.config().initFrom()).isEqualTo(S3Uri.parse("s3://bkt/models/m/versions/1/"));
        assertThat(decoded.config().toMap().keySet()).containsExactlyElementsOf(TrainingConfig.options().stream()
                .map(ConfigOption::key).filter(key -> !key.equals("sampleInterval")).toList());
    }

    @Test
    void commandLineTextBecomesTheOptionsType() {
        TrainingConfig config = TrainingConfig.parse(Map.of("ngf", "16", "lr", "1e-4", "noFlip", "true",
                "preprocess", "crop", "seed", "-3", "initFrom", "s3://bkt/w/"));

        assertThat(config.ngf()).isEqualTo(16);
        assertThat(config.lr()).isEqualTo(1e-4);
        assertThat(config.noFlip()).isTrue();
        assertThat(config.preprocess()).isEqualTo(PreprocessMode.CROP);
        assertThat(config.seed()).isEqualTo(-3);
        assertThat(config.initFrom()).isEqualTo(S3Uri.parse("s3://bkt/w/"));
        assertThatThrownBy(() -> TrainingConfig.parse(Map.of("ngf", "wide")))
                .hasMessage("config.ngf: expected an integer, got \"wide\"");
        assertThatThrownBy(() -> TrainingConfig.parse(Map.of("noFlip", "yes")))
                .hasMessage("config.noFlip: expected true or false, got \"yes\"");
        assertThatThrownBy(() -> TrainingConfig.parse(Map.of("learningRate", "0.1")))
                .hasMessageStartingWith("config.learningRate: unknown option; known options are netG, netD, ngf,");
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                // unknown keys
                Arguments.of("{\"learningRate\": 0.1}", "config.learningRate: unknown option; known options are netG, "
                        + "netD, ngf, ndf, nLayersD, norm, initType, initGain, noDropout, ganMode, lambdaA, lambdaB, "
                        + "lambdaIdentity, poolSize, lr, beta1, nEpochs, nEpochsDecay, epochCount, lrPolicy, lrDecayIters, "
                        + "preprocess, loadSize, cropSize, noFlip, batchSize, serialBatches, inputNc, outputNc, seed, "
                        + "checkpointInterval, sampleInterval, device, initFrom"),
                // wrong JSON types, never coerced
                Arguments.of("{\"ngf\": \"4\"}", "config.ngf: expected an integer, got \"4\""),
                Arguments.of("{\"ngf\": 4.0}", "config.ngf: expected an integer, got 4.0"),
                Arguments.of("{\"seed\": true}", "config.seed: expected an integer, got true"),
                Arguments.of("{\"lr\": \"0.1\"}", "config.lr: expected a number, got \"0.1\""),
                Arguments.of("{\"noFlip\": 1}", "config.noFlip: expected true or false, got 1"),
                Arguments.of("{\"netG\": 9}", "config.netG: expected a non-empty string, got 9"),
                Arguments.of("{\"initFrom\": \"\"}", "config.initFrom: expected a non-empty string, got \"\""),
                Arguments.of("[1]", "config: expected a JSON object of options, got [1]"),
                // values out of range
                Arguments.of("{\"netG\": \"resnet_12blocks\"}", "config.netG: unknown generator architecture "
                        + "'resnet_12blocks'; expected one of resnet_9blocks, resnet_6blocks, unet_256, unet_128"),
                Arguments.of("{\"norm\": \"Instance\"}", "config.norm: unknown norm type 'Instance'; expected one of "
                        + "instance, batch, none"),
                Arguments.of("{\"lrPolicy\": \"sawtooth\"}", "config.lrPolicy: unknown lr policy 'sawtooth'; expected "
                        + "one of linear, step, plateau, cosine"),
                Arguments.of("{\"ngf\": 1000}", "config.ngf: must be an integer from 1 to 256, got 1000"),
                Arguments.of("{\"nEpochs\": -1}", "config.nEpochs: must be an integer from 0 to 10000, got -1"),
                Arguments.of("{\"batchSize\": 65}", "config.batchSize: must be an integer from 1 to 64, got 65"),
                Arguments.of("{\"loadSize\": 100000}", "config.loadSize: must be an integer from 1 to 4096, got 100000"),
                Arguments.of("{\"poolSize\": 12345678901234567890}",
                        "config.poolSize: must be an integer from 0 to 1000, got 12345678901234567890"),
                Arguments.of("{\"inputNc\": 2}", "config.inputNc: must be 1 or 3, got 2"),
                Arguments.of("{\"seed\": 12345678901234567890}",
                        "config.seed: must be an integer (64-bit), got 12345678901234567890"),
                Arguments.of("{\"lr\": 0}", "config.lr: must be a number > 0, got 0"),
                Arguments.of("{\"lambdaA\": -0.5}", "config.lambdaA: must be a number >= 0, got -0.5"),
                Arguments.of("{\"beta1\": 1.0}", "config.beta1: must be a number >= 0 and < 1, got 1.0"),
                Arguments.of("{\"initGain\": 1e999}", "config.initGain: must be a number > 0, got Infinity"),
                Arguments.of("{\"sampleInterval\": -1}", "config.sampleInterval: must be an integer from 0 to 1000000, "
                        + "got -1"),
                Arguments.of("{\"initFrom\": \"models/x/versions/1/\"}",
                        "config.initFrom: not an s3:// URI: 'models/x/versions/1/'"),
                // rules between options
                Arguments.of("{\"nEpochs\": 0, \"nEpochsDecay\": 0}",
                        "config.nEpochs: nEpochs + nEpochsDecay (0) leaves no epoch to train from epochCount 1"),
                Arguments.of("{\"lrPolicy\": \"cosine\", \"nEpochs\": 0}",
                        "config.nEpochs: the cosine policy anneals over nEpochs, which must be at least 1"),
                Arguments.of("{\"netG\": \"unet_256\", \"loadSize\": 128, \"cropSize\": 128}",
                        "config.cropSize: unet_256 needs a multiple of 256 of at least 256, got 128"),
                Arguments.of("{\"cropSize\": 30}", "config.cropSize: resnet_9blocks needs a multiple of 4 of at least 8, "
                        + "got 30"),
                Arguments.of("{\"cropSize\": 300}", "config.cropSize: 300 is larger than loadSize 286: resize_and_crop "
                        + "crops from the image resized to loadSize"),
                Arguments.of("{\"inputNc\": 1}", "config.lambdaIdentity: the identity loss needs inputNc == outputNc "
                        + "(got 1 and 3); set lambdaIdentity to 0"));
    }

    @ParameterizedTest
    @MethodSource("refusals")
    void refusesWithAMessageNamingTheKey(String config, String message) {
        assertThatThrownBy(() -> decode(config)).isInstanceOf(InvalidMessageException.class).hasMessage(message)
                .satisfies(e -> assertThat(((InvalidMessageException) e).messageId()).contains("job-7"));
    }

    @Test
    void crossFieldRulesApplyOnlyWhereTheyMatter() {
        assertThat(decode("{\"preprocess\": \"none\", \"cropSize\": 30}").cropSize()).isEqualTo(30);
        assertThat(decode("{\"preprocess\": \"crop\", \"loadSize\": 16, \"cropSize\": 32}").cropSize()).isEqualTo(32);
        assertThat(decode("{\"inputNc\": 1, \"lambdaIdentity\": 0}").inputNc()).isEqualTo(1);
        assertThat(decode("{\"nEpochs\": 0, \"nEpochsDecay\": 1}").nEpochsDecay()).isEqualTo(1);
    }

    @Test
    void javaValuesAreCheckedAsJsonIs() {
        Map<String, Object> values = new HashMap<>();
        values.put("netG", GeneratorArchitecture.UNET_128);
        values.put("loadSize", 128);
        values.put("cropSize", 128);
        values.put("device", null);

        TrainingConfig config = TrainingConfig.of(values);

        assertThat(config.netG()).isEqualTo(GeneratorArchitecture.UNET_128);
        assertThat(config.device()).isEqualTo(TrainingDevice.AUTO);
        assertThatThrownBy(() -> TrainingConfig.of(Map.of("ngf", "16"))).hasMessage("config.ngf: expected an integer, "
                + "got \"16\"");
    }

    @Test
    void everyOptionDescribesItself() {
        assertThat(TrainingConfig.options()).allSatisfy(option -> {
            assertThat(option.description()).isNotBlank().doesNotContain("\n").doesNotEndWith(".");
            assertThat(option.accepted()).isNotBlank();
        });
        ConfigOption ngf = option("ngf");
        assertThat(ngf.defaultValue()).contains("64");
        assertThat(ngf.accepted()).isEqualTo("integer from 1 to 256");
        assertThat(option("beta1").accepted()).isEqualTo("number >= 0 and < 1");
        assertThat(option("seed").accepted()).isEqualTo("integer (64-bit)");
        assertThat(option("netD").choices()).containsExactly("basic", "n_layers", "pixel");
        assertThat(option("checkpointInterval").defaultValue()).isEmpty();
    }

    private static ConfigOption option(String key) {
        return TrainingConfig.options().stream().filter(o -> o.key().equals(key)).findFirst().orElseThrow();
    }

    private static TrainingConfig decode(String config) {
        return MessageCodec.fromJson(JOB.formatted(config), TrainingJob.class).config();
    }
}
