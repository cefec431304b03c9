package io.github.cyclegan.cli.bench;

import picocli.CommandLine.Command;

/** {@code ./cyclegan bench}: groups the benchmarks, one sub-command each, sharing {@link Timings} and {@link BenchEnvironment}. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure speed and memory on this machine. Run through ./cyclegan, which sets "
                + "OMP_WAIT_POLICY=PASSIVE and preloads jemalloc when it is installed.",
        subcommands = {ModelBenchCommand.class, TrainingBenchCommand.class, InferenceBenchCommand.class,
                CheckpointBenchCommand.class})
public final class BenchCommand {
}
