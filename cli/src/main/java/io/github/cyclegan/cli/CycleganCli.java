package io.github.cyclegan.cli;

import io.github.cyclegan.cli.bench.BenchCommand;
import io.github.cyclegan.cli.dataset.DatasetCommand;
import io.github.cyclegan.cli.demo.DemoCommand;
import io.github.cyclegan.cli.evaluation.ClassifierCommand;
import io.github.cyclegan.cli.evaluation.EvalCommand;
import io.github.cyclegan.cli.models.ModelsCommand;
import io.github.cyclegan.cli.training.CancelCommand;
import io.github.cyclegan.cli.training.JobsCommand;
import io.github.cyclegan.cli.training.TrainCommand;
import io.github.cyclegan.cli.translate.TranslateCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code ./cyclegan}: one sub-command per task, each with its own {@code --help}. */
@Command(name = "cyclegan",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Train and serve CycleGAN image-to-image translation models over Kafka and S3.",
        subcommands = {DemoCommand.class, LocalCommand.class, DatasetCommand.class, TrainCommand.class, JobsCommand.class,
            CancelCommand.class, ModelsCommand.class, TranslateCommand.class, EvalCommand.class, BenchCommand.class, ClassifierCommand.class,
            CommandLine.HelpCommand.class})
public final class CycleganCli {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line; tests call it to run commands in-process. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new CycleganCli());
        cli.setExecutionExceptionHandler(new FriendlyErrors());
        return cli;
    }
}
