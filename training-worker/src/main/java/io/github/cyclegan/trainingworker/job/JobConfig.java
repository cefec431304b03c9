package io.github.cyclegan.trainingworker.job;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

import io.github.cyclegan.messaging.MessageCodec;
import io.github.cyclegan.messaging.ModelArchitecture;
import io.github.cyclegan.model.DiscriminatorArchitecture;
import io.github.cyclegan.model.DiscriminatorSpec;
import io.github.cyclegan.model.GeneratorArchitecture;
import io.github.cyclegan.model.GeneratorSpec;
import io.github.cyclegan.model.InitType;
import io.github.cyclegan.model.NormType;
import io.github.cyclegan.storage.S3Uri;
import io.github.cyclegan.training.CycleGanOptions;
import io.github.cyclegan.training.GanMode;
import io.github.cyclegan.training.LrScheduleOptions;
import io.github.cyclegan.training.LrSchedules;
import io.github.cyclegan.training.PreprocessMode;
import io.github.cyclegan.training.PreprocessOptions;
import io.github.cyclegan.training.TrainingPlan;

/**
 * A {@code TrainingJob.config} turned into what the engine runs, with the reference's defaults
 * (docs/training-worker.md has the table).
 *
 * @param plan         the engine's training plan
 * @param architecture the generator description published with every ModelVersion
 * @param device       where to train
 * @param initFrom     {@code s3://} folder whose network weights a new run starts from (fine-tuning)
 * @param hash         fingerprint of every option that shapes the training state; a checkpoint
 *                     resumes only under the same hash
 */
public record JobConfig(TrainingPlan plan, ModelArchitecture architecture, DeviceChoice device, Optional<S3Uri> initFrom,
        String hash) {

    static final List<String> OPTIONS = List.of("netG", "netD", "ngf", "ndf", "nLayersD", "norm", "initType", "initGain",
            "noDropout", "ganMode", "lambdaA", "lambdaB", "lambdaIdentity", "poolSize", "lr", "beta1", "nEpochs",
            "nEpochsDecay", "epochCount", "lrPolicy", "lrDecayIters", "preprocess", "loadSize", "cropSize", "noFlip",
            "batchSize", "serialBatches", "inputNc", "outputNc", "seed", "checkpointInterval", "sampleInterval", "device",
            "initFrom");

    /** Options that can change between a run and its resumption without invalidating the checkpoint. */
    private static final List<String> NOT_HASHED = List.of("checkpointInterval", "sampleInterval", "device",
            "initFrom");

    /**
     * @param checkpointInterval the worker's default for {@code checkpointInterval}
     * @param sampleInterval     the worker's default for {@code sampleInterval}
     */
    public static JobConfig parse(Map<String, Object> config, int checkpointInterval, int sampleInterval) {
        ConfigReader in = new ConfigReader(config, OPTIONS);
        GeneratorArchitecture netG = GeneratorArchitecture.fromName(in.choice("netG", "architecture", "resnet_9blocks",
                names(GeneratorArchitecture.values(), GeneratorArchitecture::optionName)));
        DiscriminatorArchitecture netD = DiscriminatorArchitecture.fromName(in.choice("netD", "architecture", "basic",
                names(DiscriminatorArchitecture.values(), DiscriminatorArchitecture::optionName)));
        int ngf = in.integer("ngf", 64, 1);
        int ndf = in.integer("ndf", 64, 1);
        int nLayersD = in.integer("nLayersD", 3, 1);
        NormType norm = NormType.fromName(in.choice("norm", "norm", "instance", names(NormType.values(), NormType::optionName)));
        InitType init = InitType.fromName(in.choice("initType", "init type", "normal",
                names(InitType.values(), InitType::optionName)));
        double initGain = in.number("initGain", 0.02, 0, true, Double.POSITIVE_INFINITY);
        // The reference's CycleGAN model sets no_dropout=True by default.
        boolean noDropout = in.flag("noDropout", true);
        GanMode ganMode = GanMode.fromName(in.choice("ganMode", "gan mode", "lsgan", names(GanMode.values(), GanMode::referenceName)));
        double lambdaA = in.number("lambdaA", 10.0, 0, false, Double.POSITIVE_INFINITY);
        double lambdaB = in.number("lambdaB", 10.0, 0, false, Double.POSITIVE_INFINITY);
        double lambdaIdentity = in.number("lambdaIdentity", 0.5, 0, false, Double.POSITIVE_INFINITY);
        int poolSize = in.integer("poolSize", 50, 0);
        double lr = in.number("lr", 0.0002, 0, true, Double.POSITIVE_INFINITY);
        double beta1 = in.number("beta1", 0.5, 0, false, 1);
        int nEpochs = in.integer("nEpochs", 100, 0);
        int nEpochsDecay = in.integer("nEpochsDecay", 100, 0);
        int epochCount = in.integer("epochCount", 1, 1);
        String lrPolicy = in.choice("lrPolicy", "lr policy", "linear", LrSchedules.POLICIES);
        int lrDecayIters = in.integer("lrDecayIters", 50, 1);
        String preprocess = in.choice("preprocess", "preprocess mode", "resize_and_crop",
                names(PreprocessMode.values(), PreprocessMode::optionName));
        int loadSize = in.integer("loadSize", 286, 1);
        int cropSize = in.integer("cropSize", 256, 1);
        boolean noFlip = in.flag("noFlip", false);
        int batchSize = in.integer("batchSize", 1, 1);
        boolean serialBatches = in.flag("serialBatches", false);
        int inputNc = channels(in, "inputNc");
        int outputNc = channels(in, "outputNc");
        long seed = in.longValue("seed", 0);
        int checkpointEvery = in.integer("checkpointInterval", checkpointInterval, 0);
        int sampleEvery = in.integer("sampleInterval", sampleInterval, 0);
        DeviceChoice device = DeviceChoice.valueOf(in.choice("device", "device", "auto", List.of("auto", "cpu", "gpu"))
                .toUpperCase(Locale.ROOT));
        Optional<S3Uri> initFrom = in.text("initFrom").map(JobConfig::folder);

        if (nEpochs + nEpochsDecay < epochCount) {
            throw new JobConfigException("config.nEpochs: nEpochs + nEpochsDecay (" + (nEpochs + nEpochsDecay)
                    + ") leaves no epoch to train from epochCount " + epochCount);
        }
        PreprocessMode mode = PreprocessMode.fromName(preprocess);
        boolean cropped = mode == PreprocessMode.RESIZE_AND_CROP || mode == PreprocessMode.CROP
                || mode == PreprocessMode.SCALE_WIDTH_AND_CROP;
        if (cropped && (cropSize < netG.minimumSize() || cropSize % netG.sizeMultiple() != 0)) {
            throw new JobConfigException("config.cropSize: " + netG.optionName() + " needs a multiple of "
                    + netG.sizeMultiple() + " of at least " + netG.minimumSize() + ", got " + cropSize);
        }
        try {
            GeneratorSpec generator = new GeneratorSpec(netG, inputNc, outputNc, ngf, norm, !noDropout, init, initGain);
            DiscriminatorSpec discriminator = new DiscriminatorSpec(netD, inputNc, ndf, nLayersD, norm, init, initGain);
            CycleGanOptions model = new CycleGanOptions(generator, discriminator, ganMode, lambdaA, lambdaB,
                    lambdaIdentity, poolSize, beta1, seed);
            TrainingPlan plan = new TrainingPlan(model, PreprocessOptions.of(preprocess, loadSize, cropSize, noFlip, inputNc),
                    new LrScheduleOptions(lrPolicy, lr, epochCount, nEpochs, nEpochsDecay, lrDecayIters), batchSize,
                    serialBatches, checkpointEvery, sampleEvery);
            ModelArchitecture architecture = new ModelArchitecture(netG.optionName(), ngf, norm.optionName(), inputNc,
                    outputNc, !noDropout);
            return new JobConfig(plan, architecture, device, initFrom, hash(in.resolved()));
        } catch (IllegalArgumentException e) {
            throw new JobConfigException("config: " + e.getMessage());
        }
    }

    private static S3Uri folder(String uri) {
        try {
            return S3Uri.parse(uri).asPrefix();
        } catch (IllegalArgumentException e) {
            throw new JobConfigException("config.initFrom: " + e.getMessage());
        }
    }

    private static int channels(ConfigReader in, String key) {
        int value = in.integer(key, 3, 1);
        if (value != 1 && value != 3) {
            throw new JobConfigException("config." + key + ": must be 1 (grayscale) or 3 (RGB), got " + value);
        }
        return value;
    }

    private static <T> List<String> names(T[] values, Function<T, String> name) {
        return Arrays.stream(values).map(name).toList();
    }

    private static String hash(Map<String, Object> resolved) {
        Map<String, Object> shaping = new TreeMap<>(resolved);
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
