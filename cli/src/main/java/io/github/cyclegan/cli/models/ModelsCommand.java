package io.github.cyclegan.cli.models;

import io.github.cyclegan.cli.ConnectionOptions;
import io.github.cyclegan.cli.Table;
import io.github.cyclegan.client.CycleganClient;
import io.github.cyclegan.messaging.ModelVersion;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ./cyclegan models}: the versions in storage; import and export generator weights. */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = "List every version of every model (or of MODEL) recorded in storage: version, creation time, "
                + "generator architecture, directions and the training job (none for imported weights). The highest "
                + "version is what requests without a pinned version get.",
        subcommands = {ModelImportCommand.class, ModelExportCommand.class})
public final class ModelsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Parameters(arity = "0..1", paramLabel = "MODEL", description = "Only this model's versions.")
    String model;

    @Override
    public Integer call() {
        List<ModelVersion> versions;
        try (CycleganClient client = connection.connectStorage()) {
            versions = client.modelVersions(model);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (versions.isEmpty()) {
            if (model != null) {
                throw new IllegalArgumentException("no model named " + model + " (see ./cyclegan models)");
            }
            out.println("no models (train one with ./cyclegan train, or import weights with ./cyclegan models import)");
            out.flush();
            return 0;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"MODEL", "VERSION", "CREATED", "ARCHITECTURE", "DIRECTIONS", "JOB"});
        for (ModelVersion v : versions) {
            rows.add(new String[] {v.model(), String.valueOf(v.version()), Table.time(v.createdAt()),
                GeneratorWeights.describe(v.architecture()),
                v.generators().keySet().stream().sorted().map(Object::toString).collect(Collectors.joining(",")),
                v.jobId() == null ? "(imported)" : v.jobId()});
        }
        Table.print(out, rows);
        return 0;
    }
}
