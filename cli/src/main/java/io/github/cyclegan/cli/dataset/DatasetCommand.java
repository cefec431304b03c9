package io.github.cyclegan.cli.dataset;

import picocli.CommandLine.Command;

/** {@code ./cyclegan dataset}: image sets in the bucket, in the reference layout that training jobs read. */
@Command(name = "dataset", mixinStandardHelpOptions = true,
        description = "Upload and list training image sets (stored under datasets/NAME/trainA|trainB|testA|testB/).",
        subcommands = {DatasetUploadCommand.class, DatasetListCommand.class})
public final class DatasetCommand {
}
