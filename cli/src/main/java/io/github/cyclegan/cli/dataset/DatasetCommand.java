package io.github.cyclegan.cli.dataset;

import picocli.CommandLine.Command;

/** {@code ./cyclegan dataset}: image sets in the bucket, in the reference layout that training jobs read. */
@Command(name = "dataset", mixinStandardHelpOptions = true,
        description = "Upload and list training image sets (stored under datasets/NAME/trainA|trainB|testA|testB/).",
        subcommands = {DatasetUploadCommand.class, DatasetListCommand.class})
public final class DatasetCommand {

    /** The reference's folders: unpaired training images of domains A and B, and their test images. */
    static final java.util.List<String> FOLDERS = java.util.List.of("trainA", "trainB", "testA", "testB");

    /** Key prefix of one folder of a dataset, e.g. {@code datasets/horse2zebra/trainA/}: what a job's datasetA names. */
    public static String prefix(String dataset, String folder) {
        return "datasets/" + dataset + "/" + folder + "/";
    }
}
