package io.github.cyclegan.cli.dataset;

import io.github.cyclegan.cli.ConnectionOptions;
import io.github.cyclegan.client.CycleganClient;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ./cyclegan dataset list}: the datasets in the bucket with their image counts per folder. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List the datasets in the bucket with the number of objects in each folder.")
public final class DatasetListCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Override
    public Integer call() {
        Map<String, Map<String, Integer>> datasets;
        try (CycleganClient client = connection.connectStorage()) {
            datasets = client.datasets().summary();
        }
        PrintWriter out = spec.commandLine().getOut();
        if (datasets.isEmpty()) {
            out.println("no datasets (upload one with ./cyclegan dataset upload NAME DIR)");
        }
        datasets.forEach((dataset, folders) -> {
            StringBuilder line = new StringBuilder(dataset);
            folders.forEach((folder, count) -> line.append("  ").append(folder).append(' ').append(count));
            out.println(line);
        });
        out.flush();
        return 0;
    }
}
