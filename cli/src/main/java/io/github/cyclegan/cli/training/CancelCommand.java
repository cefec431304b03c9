package io.github.cyclegan.cli.training;

import io.github.cyclegan.cli.ConnectionOptions;
import io.github.cyclegan.cli.FriendlyErrors;
import io.github.cyclegan.client.CycleganClient;
import io.github.cyclegan.client.EventPosition;
import io.github.cyclegan.client.TrainingJobStatus;
import io.github.cyclegan.messaging.Topics;
import io.github.cyclegan.messaging.TrainingEvent;
import io.github.cyclegan.messaging.TrainingState;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ./cyclegan cancel}: the training worker's cancel command on the control topic. */
@Command(name = "cancel", mixinStandardHelpOptions = true,
        description = {"Cancel a queued or running training job: the worker stops it before its next iteration, "
                + "writes a checkpoint and reports CANCELLED. Submitting the same job id again resumes it.",
            "With --wait, wait for CANCELLED: exit code 0, or 1 when the job ended otherwise first."})
public final class CancelCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Parameters(paramLabel = "JOB", description = "The job id (see ./cyclegan jobs).")
    String jobId;

    @Option(names = "--wait", description = "Wait until the job has stopped.")
    boolean await;

    @Option(names = "--control-topic", paramLabel = "TOPIC", defaultValue = Topics.TRAINING_CONTROL,
            description = "The training workers' control topic (default: ${DEFAULT-VALUE}).")
    String controlTopic;

    @Override
    public Integer call() {
        try (CycleganClient client = connection.connect(s -> s.withTopics(s.requestsTopic(), s.resultsTopic(),
                s.trainingJobsTopic(), s.trainingEventsTopic(), controlTopic, s.modelsTopic()))) {
            TrainingJobStatus job = client.trainingJobs().stream().filter(j -> j.jobId().equals(jobId)).findFirst()
                    .orElseThrow(() -> new ParameterException(spec.commandLine(), "unknown job " + jobId
                            + " (see ./cyclegan jobs)"));
            if (job.isFinal()) {
                throw new IllegalStateException("job " + jobId + " has already ended: " + job.state());
            }
            EventPosition from = client.trainingEventsEnd();
            client.cancelTraining(jobId);
            PrintWriter out = spec.commandLine().getOut();
            out.println("cancel requested for job " + jobId + " (" + job.state() + ")");
            out.flush();
            if (!await) {
                return 0;
            }
            TrainingEvent last = TrainCommand.followUntilEnd(client, jobId, from, out);
            if (last.state() == TrainingState.CANCELLED) {
                return 0;
            }
            spec.commandLine().getErr().println("job " + jobId + " ended " + last.state()
                    + " before the cancel took effect");
            spec.commandLine().getErr().flush();
            return FriendlyErrors.EXIT_FAILURE;
        }
    }
}
