package io.github.cyclegan.messaging;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.cyclegan.messaging.options.DiscriminatorArchitecture;
import io.github.cyclegan.messaging.options.GanMode;
import io.github.cyclegan.messaging.options.GeneratorArchitecture;
import io.github.cyclegan.messaging.options.InitType;
import io.github.cyclegan.messaging.options.LrPolicy;
import io.github.cyclegan.messaging.options.NormType;
import io.github.cyclegan.messaging.options.PreprocessMode;
import io.github.cyclegan.messaging.options.TrainingDevice;
import io.github.cyclegan.storage.S3Uri;

/**
 * The hyper-parameters of a {@link TrainingJob}: the reference's training options, camelCase, with its defaults.
 * Each component's {@link Option} is the one place its default, bounds and description are written;
 * docs/training-worker.md's table, the command line's options and their help come from {@link #options()}.
 *
 * <p>On the wire it is a JSON object of option keys; keys left out (or null) take the defaults, unknown keys,
 * wrong JSON types and values out of bounds are refused with a message naming the key. Upper bounds keep a job
 * from sizing a worker's memory or disk without limit. Build one from JSON, {@link #of} or {@link #parse}, which
 * check the bounds; the constructor checks only the rules between options.
 */
public record TrainingConfig(
        @Option(value = "resnet_9blocks", doc = "generator architecture") GeneratorArchitecture netG,
        @Option(value = "basic", doc = "discriminator architecture (basic: 70x70 PatchGAN)")
        DiscriminatorArchitecture netD,
        @Option(value = "64", min = 1, max = 256, doc = "generator filters in the last convolution") int ngf,
        @Option(value = "64", min = 1, max = 256, doc = "discriminator filters in the first convolution") int ndf,
        @Option(value = "3", min = 1, max = 8, doc = "discriminator convolutions (netD n_layers only)") int nLayersD,
        @Option(value = "instance", doc = "normalisation between convolutions") NormType norm,
        @Option(value = "normal", doc = "weight initialisation") InitType initType,
        @Option(value = "0.02", above = 0, doc = "scale of the initial weights (normal, xavier, orthogonal)")
        double initGain,
        @Option(value = "true", doc = "no dropout in the generator (the reference's CycleGAN sets it)")
        boolean noDropout,
        @Option(value = "lsgan", doc = "adversarial loss") GanMode ganMode,
        @Option(value = "10.0", min = 0, doc = "weight of the cycle loss A -> B -> A") double lambdaA,
        @Option(value = "10.0", min = 0, doc = "weight of the cycle loss B -> A -> B") double lambdaB,
        @Option(value = "0.5", min = 0, doc = "identity loss weight, relative to lambdaA and lambdaB; 0 skips it")
        double lambdaIdentity,
        @Option(value = "50", min = 0, max = 1000, doc = "generated images kept for the discriminators; 0: none")
        int poolSize,
        @Option(value = "0.0002", above = 0, doc = "initial Adam learning rate") double lr,
        @Option(value = "0.5", min = 0, below = 1, doc = "Adam's beta1") double beta1,
        @Option(value = "100", min = 0, max = 10_000, doc = "epochs at the initial learning rate") int nEpochs,
        @Option(value = "100", min = 0, max = 10_000, doc = "epochs of linear decay to 0 after them") int nEpochsDecay,
        @Option(value = "1", min = 1, max = 10_000, doc = "number of the first epoch, to continue a schedule")
        int epochCount,
        @Option(value = "linear", doc = "learning-rate schedule") LrPolicy lrPolicy,
        @Option(value = "50", min = 1, max = 10_000, doc = "step policy: epochs between decays by 10x") int lrDecayIters,
        @Option(value = "resize_and_crop", doc = "how images are resized and cropped") PreprocessMode preprocess,
        @Option(value = "286", min = 1, max = 4096,
                doc = "size images are resized to (the width for the scale_width modes)") int loadSize,
        @Option(value = "256", min = 1, max = 4096, doc = "side of the square crop training sees") int cropSize,
        @Option(value = "false", doc = "no random horizontal flips") boolean noFlip,
        @Option(value = "1", min = 1, max = 64, doc = "images per domain per iteration") int batchSize,
        @Option(value = "false", doc = "images in order, B paired with A by index, instead of at random")
        boolean serialBatches,
        @Option(value = "3", oneOf = {1, 3}, doc = "channels of domain A images (1 grayscale, 3 RGB)") int inputNc,
        @Option(value = "3", oneOf = {1, 3}, doc = "channels of domain B images (1 grayscale, 3 RGB)") int outputNc,
        @Option(value = "0", doc = "seeds weight init, pools, data order and augmentation") long seed,
        @Option(min = 0, max = 1_000_000, doc = "iterations between checkpoints; 0: at epoch ends only; "
                + "left out: the worker's cyclegan.training.checkpoint-interval") Integer checkpointInterval,
        @Option(min = 0, max = 1_000_000, doc = "iterations between sample grids; 0: none; "
                + "left out: the worker's cyclegan.training.sample-interval") Integer sampleInterval,
        @Option(value = "auto", doc = "auto: the engine's default device; gpu fails on a worker without one")
        TrainingDevice device,
        @Option(doc = "folder with G_A and G_B safetensors that a new run starts from, for fine-tuning") S3Uri initFrom) {

    private static final List<ConfigOption> OPTIONS = Arrays.stream(TrainingConfig.class.getRecordComponents())
            .map(ConfigOption::new).toList();
    private static final TrainingConfig DEFAULTS = of(Map.of());

    /** Checks the rules between options; {@link #of}, {@link #parse} and JSON check each option's own bounds first. */
    public TrainingConfig {
        if (nEpochs + nEpochsDecay < epochCount) {
            throw option("nEpochs").error("nEpochs + nEpochsDecay (" + (nEpochs + nEpochsDecay)
                    + ") leaves no epoch to train from epochCount " + epochCount);
        }
        if (lrPolicy == LrPolicy.COSINE && nEpochs < 1) {
            throw option("nEpochs").error("the cosine policy anneals over nEpochs, which must be at least 1");
        }
        if (preprocess.crops() && !netG.runsOn(cropSize)) {
            throw option("cropSize").error(netG.optionName() + " needs a multiple of " + netG.sizeMultiple()
                    + " of at least " + netG.minimumSize() + ", got " + cropSize);
        }
        if (preprocess.cropsResized() && cropSize > loadSize) {
            throw option("cropSize").error(cropSize + " is larger than loadSize " + loadSize + ": "
                    + preprocess.optionName() + " crops from the image resized to loadSize");
        }
        if (lambdaIdentity > 0 && inputNc != outputNc) {
            throw option("lambdaIdentity").error("the identity loss needs inputNc == outputNc (got " + inputNc
                    + " and " + outputNc + "); set lambdaIdentity to 0");
        }
    }

    /** The reference's defaults; the worker's intervals, no initFrom. */
    public static TrainingConfig defaults() {
        return DEFAULTS;
    }

    /** Every option in the wire's order: keys, defaults, bounds and descriptions. */
    public static List<ConfigOption> options() {
        return OPTIONS;
    }

    /**
     * The config with {@code values} (option key to a value as the JSON object has it, or an option name enum)
     * and defaults for the rest, checked as a job's JSON is.
     */
    public static TrainingConfig of(Map<String, ?> values) {
        return fromJson(MessageCodec.mapper().valueToTree(values));
    }

    /** The config with {@code values} as a command line spells them ("64", "resnet_6blocks", "true"). */
    public static TrainingConfig parse(Map<String, String> values) {
        ObjectNode json = MessageCodec.mapper().createObjectNode();
        values.forEach((key, text) -> json.set(key, option(key).fromText(text)));
        return fromJson(json);
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static TrainingConfig fromJson(JsonNode json) {
        if (!json.isObject()) {
            throw new IllegalArgumentException("config: expected a JSON object of options, got " + json);
        }
        for (Iterator<String> keys = json.fieldNames(); keys.hasNext(); ) {
            option(keys.next());
        }
        return construct(OPTIONS.stream().map(option -> option.read(json.get(option.key()))).toArray());
    }

    /** The JSON form: every option that has a value, defaults included, so a job says exactly what it trains. */
    @JsonValue
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        for (ConfigOption option : OPTIONS) {
            Object value = option.wireValue(this);
            if (value != null) {
                map.put(option.key(), value);
            }
        }
        return map;
    }

    private static ConfigOption option(String key) {
        return OPTIONS.stream().filter(o -> o.key().equals(key)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("config." + key + ": unknown option; known options are "
                        + OPTIONS.stream().map(ConfigOption::key).collect(Collectors.joining(", "))));
    }

    private static TrainingConfig construct(Object[] values) {
        Class<?>[] types = OPTIONS.stream().map(ConfigOption::type).toArray(Class<?>[]::new);
        try {
            Constructor<TrainingConfig> canonical = TrainingConfig.class.getDeclaredConstructor(types);
            return canonical.newInstance(values);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof IllegalArgumentException invalid) {
                throw invalid;
            }
            throw new IllegalStateException("cannot build a TrainingConfig", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build a TrainingConfig", e);
        }
    }
}
