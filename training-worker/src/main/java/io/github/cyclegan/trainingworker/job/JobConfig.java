package io.github.cyclegan.trainingworker.job;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

import io.github.cyclegan.messaging.MessageCodec;
import io.github.cyclegan.messaging.ModelArchitecture;
import io.github.cyclegan.messaging.TrainingConfig;
import io.github.cyclegan.messaging.options.TrainingDevice;
import io.github.cyclegan.model.DiscriminatorSpec;
import io.github.cyclegan.model.GeneratorSpec;
import io.github.cyclegan.storage.S3Uri;
import io.github.cyclegan.training.CycleGanOptions;
import io.github.cyclegan.training.LrScheduleOptions;
import io.github.cyclegan.training.PreprocessOptions;
import io.github.cyclegan.training.TrainingPlan;

/**
 * A job's {@link TrainingConfig} turned into what the engine runs.
 *
 * @param plan         the engine's training plan
 * @param architecture the generator description published with every ModelVersion
 * @param device       where to train
 * @param initFrom     {@code s3://} folder whose network weights a new run starts from (fine-tuning)
 * @param hash         fingerprint of every option that shapes the training state; a checkpoint
 *                     resumes only under the same hash
 */
public record JobConfig(TrainingPlan plan, ModelArchitecture architecture, TrainingDevice device,
        Optional<S3Uri> initFrom, String hash) {

    /** Options that can change between a run and its resumption without invalidating the checkpoint. */
    private static final List<String> NOT_HASHED = List.of("checkpointInterval", "sampleInterval", "device",
            "initFrom");

    /**
     * @param checkpointInterval the worker's default for {@code checkpointInterval}
     * @param sampleInterval     the worker's default for {@code sampleInterval}
     * @throws JobConfigException when the engine refuses the config, which TrainingConfig's own checks let through
     */
    public static JobConfig of(TrainingConfig config, int checkpointInterval, int sampleInterval) {
        try {
            GeneratorSpec generator = new GeneratorSpec(config.netG(), config.inputNc(), config.outputNc(), config.ngf(),
                    config.norm(), !config.noDropout(), config.initType(), config.initGain());
            DiscriminatorSpec discriminator = new DiscriminatorSpec(config.netD(), config.inputNc(), config.ndf(),
                    config.nLayersD(), config.norm(), config.initType(), config.initGain());
            CycleGanOptions model = new CycleGanOptions(generator, discriminator, config.ganMode(), config.lambdaA(),
                    config.lambdaB(), config.lambdaIdentity(), config.poolSize(), config.beta1(), config.seed());
            PreprocessOptions preprocess = new PreprocessOptions(config.preprocess(), config.loadSize(),
                    config.cropSize(), config.noFlip(), config.inputNc());
            LrScheduleOptions schedule = new LrScheduleOptions(config.lrPolicy(), config.lr(), config.epochCount(),
                    config.nEpochs(), config.nEpochsDecay(), config.lrDecayIters());
            TrainingPlan plan = new TrainingPlan(model, preprocess, schedule, config.batchSize(), config.serialBatches(),
                    Objects.requireNonNullElse(config.checkpointInterval(), checkpointInterval),
                    Objects.requireNonNullElse(config.sampleInterval(), sampleInterval));
            ModelArchitecture architecture = new ModelArchitecture(config.netG(), config.ngf(), config.norm(),
                    config.inputNc(), config.outputNc(), !config.noDropout());
            return new JobConfig(plan, architecture, config.device(),
                    Optional.ofNullable(config.initFrom()).map(S3Uri::asPrefix), hash(config));
        } catch (IllegalArgumentException e) {
            throw new JobConfigException("config: " + e.getMessage());
        }
    }

    /** Over the options' JSON values, as jobs have always been hashed, so checkpoints of earlier builds still resume. */
    private static String hash(TrainingConfig config) {
        Map<String, Object> shaping = new TreeMap<>(config.toMap());
        NOT_HASHED.forEach(shaping::remove);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(MessageCodec.toJson(shaping).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
