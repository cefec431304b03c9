package io.github.cyclegan.cli.training;

import io.github.cyclegan.cli.ConnectionOptions;
import io.github.cyclegan.cli.Table;
import io.github.cyclegan.client.CycleganClient;
import io.github.cyclegan.client.TrainingJobStatus;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./cyclegan jobs}: every training job with its latest state, from the jobs and events topics. */
@Command(name = "jobs", mixinStandardHelpOptions = true,
        description = "List training jobs with their latest state (QUEUED until a worker takes the job, then "
                + "ACCEPTED, RUNNING, CHECKPOINTED, COMPLETED, FAILED or CANCELLED), progress and last update, "
                + "oldest update first.")
public final class JobsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--model", paramLabel = "NAME", description = "Only the jobs of this model.")
    String model;

    @Override
    public Integer call() {
        List<TrainingJobStatus> jobs;
        try (CycleganClient client = connection.connect()) {
            jobs = new ArrayList<>(client.trainingJobs());
        }
        jobs.removeIf(job -> model != null && !job.model().equals(model));
        PrintWriter out = spec.commandLine().getOut();
        if (jobs.isEmpty()) {
            out.println(model == null ? "no training jobs" : "no training jobs for model " + model);
            out.flush();
            return 0;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"JOB", "MODEL", "STATE", "PROGRESS", "UPDATED"});
        for (TrainingJobStatus job : jobs) {
            rows.add(new String[] {job.jobId(), job.model(), job.state(),
                job.queued() ? "" : JobProgress.fraction(job.lastEvent().orElseThrow()), Table.time(job.updated())});
        }
        Table.print(out, rows);
        return 0;
    }
}
