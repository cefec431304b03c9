package io.github.cyclegan.cli.bench;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.github.cyclegan.serving.EngineThreads;
import io.github.cyclegan.model.DiscriminatorSpec;
import io.github.cyclegan.messaging.options.GeneratorArchitecture;
import io.github.cyclegan.model.GeneratorSpec;
import io.github.cyclegan.training.CycleGanModel;
import io.github.cyclegan.training.CycleGanOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ./cyclegan bench training}: milliseconds per full CycleGAN iteration at the three sizes. */
@Command(name = "training", mixinStandardHelpOptions = true,
        description = "Time full CycleGAN training iterations (G step + D step, batch 1, lsgan, pool 50, identity "
                + "loss on, random images and weights) at three sizes: small = 64 px, ngf/ndf 16, resnet_6blocks; "
                + "medium = 128 px, ngf/ndf 32, resnet_6blocks; large = 256 px, ngf/ndf 64, resnet_9blocks (the "
                + "reference's default). Prints the median ms per iteration over the timed runs and the JVM's peak "
                + "RSS so far, then the threads and malloc in use.")
final class TrainingBenchCommand implements Callable<Integer> {

    /** One benchmark size: image side, filters of G and D, generator architecture. */
    enum Preset {
        SMALL(64, 16, GeneratorArchitecture.RESNET_6BLOCKS),
        MEDIUM(128, 32, GeneratorArchitecture.RESNET_6BLOCKS),
        LARGE(256, 64, GeneratorArchitecture.RESNET_9BLOCKS);

        final int size;
        final int filters;
        final GeneratorArchitecture architecture;

        Preset(int size, int filters, GeneratorArchitecture architecture) {
            this.size = size;
            this.filters = filters;
            this.architecture = architecture;
        }
    }

    @Spec
    CommandSpec spec;

    @Option(names = "--presets", split = ",", defaultValue = "SMALL,MEDIUM,LARGE",
            description = "Comma-separated sizes to run: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    List<Preset> presets;

    @Option(names = "--warmup", defaultValue = "1", description = "Untimed iterations per size (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--runs", defaultValue = "3", description = "Timed iterations per size (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--threads", description = "libtorch intra-op threads (default: the engine's choice).")
    Integer threads;

    @Option(names = "--size", hidden = true, description = "Override the image side of every preset (tests).")
    Integer sizeOverride;

    @Option(names = "--filters", hidden = true, description = "Override ngf/ndf of every preset (tests).")
    Integer filtersOverride;

    @Override
    public Integer call() {
        if (runs < 1 || warmup < 0) {
            throw new ParameterException(spec.commandLine(), "--runs must be positive and --warmup not negative");
        }
        if (threads != null) {
            EngineThreads.setIntraOp(threads);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf("training iterations (batch 1, lsgan, pool 50, identity on); %d warm-up and %d timed per size%n",
                warmup, runs);
        out.flush();
        for (Preset preset : presets) {
            int size = sizeOverride == null ? preset.size : sizeOverride;
            int filters = filtersOverride == null ? preset.filters : filtersOverride;
            CycleGanOptions options = CycleGanOptions.defaults().withNetworks(
                    GeneratorSpec.defaults().withArchitecture(preset.architecture).withNgf(filters),
                    DiscriminatorSpec.defaults().withNdf(filters));
            try (NDManager manager = NDManager.newBaseManager(); CycleGanModel model = new CycleGanModel(options, manager)) {
                NDArray realA = manager.randomUniform(-1, 1, new Shape(1, 3, size, size));
                NDArray realB = manager.randomUniform(-1, 1, new Shape(1, 3, size, size));
                Timings timings = Timings.measure(warmup, runs, () -> model.optimize(realA, realB, 2e-4));
                out.printf("%s: %d px, ngf/ndf %d, %s: %.0f ms/iteration (median; min %.0f, max %.0f; CPU %.0f ms); "
                        + "peak RSS so far %s%n", preset.name().toLowerCase(java.util.Locale.ROOT), size, filters,
                        preset.architecture.optionName(), timings.medianMillis(), timings.minMillis(),
                        timings.maxMillis(), timings.cpuMillisPerRun(), BenchEnvironment.peakRss());
                out.flush();
            }
        }
        BenchEnvironment.print(out);
        out.flush();
        return 0;
    }
}
