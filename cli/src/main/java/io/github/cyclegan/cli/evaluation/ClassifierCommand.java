package io.github.cyclegan.cli.evaluation;

import picocli.CommandLine.Command;

/** {@code ./cyclegan classifier}: the domain classifier that scores translations. */
@Command(name = "classifier", mixinStandardHelpOptions = true,
        description = "The Fashion-MNIST classifier that scores translations (bundled weights ship with the library).",
        subcommands = {ClassifierTrainCommand.class})
public final class ClassifierCommand {
}
