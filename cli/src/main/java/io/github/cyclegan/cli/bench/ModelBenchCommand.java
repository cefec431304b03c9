package io.github.cyclegan.cli.bench;

import io.github.cyclegan.cli.OptionNames;
import io.github.cyclegan.image.ChwImage;
import io.github.cyclegan.serving.EngineThreads;
import io.github.cyclegan.serving.GeneratorModel;
import io.github.cyclegan.messaging.options.GeneratorArchitecture;
import io.github.cyclegan.model.GeneratorSpec;
import java.io.PrintWriter;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ./cyclegan bench model}: generator inference time per image and the process's peak memory. */
@Command(name = "model", mixinStandardHelpOptions = true,
        description = "Time generator inference (ResNet-9, ngf 64, 256x256 by default, random weights) at each batch "
                + "size: median milliseconds per image over the timed runs, after untimed warm-up runs, and the "
                + "process CPU time per image. Then print the JVM's peak RSS, libtorch's thread counts and the "
                + "malloc in use.")
final class ModelBenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--warmup", defaultValue = "2",
            description = "Untimed runs per batch size (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--runs", defaultValue = "5",
            description = "Timed runs per batch size (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--batch-sizes", split = ",", defaultValue = "1,4",
            description = "Comma-separated batch sizes (default: ${DEFAULT-VALUE}).")
    List<Integer> batchSizes;

    @Option(names = "--net-g", defaultValue = "resnet_9blocks", paramLabel = "NAME",
            converter = OptionNames.Generators.class, completionCandidates = OptionNames.Generators.class,
            description = "Generator architecture: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    GeneratorArchitecture architecture;

    @Option(names = "--threads", description = "libtorch intra-op threads (default: the engine's choice).")
    Integer threads;

    @Option(names = "--size", defaultValue = "256", hidden = true, description = "Image height and width in pixels.")
    int size;

    @Option(names = "--ngf", defaultValue = "64", hidden = true, description = "Generator filters.")
    int ngf;

    @Override
    public Integer call() {
        requirePositive(runs, "--runs");
        if (warmup < 0) {
            throw new ParameterException(spec.commandLine(), "--warmup must not be negative, got " + warmup);
        }
        requirePositive(size, "--size");
        batchSizes.forEach(batch -> requirePositive(batch, "--batch-sizes"));
        GeneratorSpec generator = GeneratorSpec.defaults()
                .withArchitecture(architecture)
                .withNgf(ngf);
        if (threads != null) {
            requirePositive(threads, "--threads");
            EngineThreads.setIntraOp(threads);
        }

        PrintWriter out = spec.commandLine().getOut();
        out.printf("generator inference: %s, ngf %d, %dx%d px, random weights; %d warm-up and %d timed runs "
                + "per batch size%n", architecture.optionName(), ngf, size, size, warmup, runs);
        out.flush();
        Random random = new Random(1);
        try (GeneratorModel model = GeneratorModel.randomlyInitialised(generator, 0)) {
            for (int batchSize : batchSizes) {
                List<ChwImage> batch = RandomImages.of(random, batchSize, generator.inputNc(), size);
                Timings timings = Timings.measure(warmup, runs, () -> model.translate(batch));
                out.printf("batch %d: %.1f ms/image (median batch %.1f ms, min %.1f, max %.1f; CPU %.1f ms/image); "
                        + "peak RSS so far %s%n", batchSize, timings.medianMillis() / batchSize, timings.medianMillis(),
                        timings.minMillis(), timings.maxMillis(), timings.cpuMillisPerRun() / batchSize,
                        BenchEnvironment.peakRss());
                out.flush();
            }
        }
        BenchEnvironment.print(out);
        out.flush();
        return 0;
    }


    private void requirePositive(int value, String option) {
        if (value <= 0) {
            throw new ParameterException(spec.commandLine(), option + " must be positive, got " + value);
        }
    }
}
