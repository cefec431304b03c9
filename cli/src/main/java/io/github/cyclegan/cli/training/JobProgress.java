package io.github.cyclegan.cli.training;

import io.github.cyclegan.cli.ProgressLine;
import io.github.cyclegan.client.CycleganClient;
import io.github.cyclegan.client.EventPosition;
import io.github.cyclegan.messaging.TrainingEvent;
import java.time.Duration;
import java.util.stream.Stream;

/** Follows one job's events and shows them: a progress line while it runs, a line of its own for each milestone. */
final class JobProgress {

    private JobProgress() {
    }

    /**
     * Shows the events of {@code jobId} published after {@code from} (the events topic's end taken before the job or
     * the cancel was published, so that an earlier run of the same job id is not mistaken for this one) until one in
     * a final state, which it returns. Blocks as long as the job runs.
     */
    static TrainingEvent follow(CycleganClient client, String jobId, EventPosition from, ProgressLine progress) {
        try (Stream<TrainingEvent> events = client.trainingEvents(jobId, from)) {
            TrainingEvent last = null;
            for (TrainingEvent event : (Iterable<TrainingEvent>) events::iterator) {
                show(event, progress);
                last = event;
            }
            if (last == null) {
                throw new IllegalStateException("the events of job " + jobId + " ended without a final state");
            }
            return last;
        }
    }

    static void show(TrainingEvent event, ProgressLine progress) {
        switch (event.state()) {
            case ACCEPTED -> progress.println("accepted by a training worker");
            case RUNNING -> {
                if (event.losses().isEmpty()) {
                    progress.println((event.iteration() != null && event.iteration() > 0 ? "resuming at" : "starting at")
                            + " iteration " + event.iteration() + " of " + event.totalIterations());
                } else {
                    progress.update(line(event));
                }
            }
            case CHECKPOINTED -> progress.println("checkpoint at iteration " + event.iteration() + ": "
                    + event.checkpoint());
            case COMPLETED -> progress.println("COMPLETED at iteration " + event.iteration() + ": model " + event.model()
                    + " version " + event.version());
            case CANCELLED -> progress.println("CANCELLED at iteration " + event.iteration()
                    + (event.checkpoint() == null ? "" : " (checkpoint " + event.checkpoint() + ")"));
            case FAILED -> progress.println("FAILED: " + event.error());
        }
    }

    /** {@code epoch 2  iteration 37/400 [##----]   9%  G 0.48/0.51 D 0.21/0.19 cycle 1.12/1.03 idt 0.55/0.49  7.4 img/s  ETA 2m 10s}. */
    static String line(TrainingEvent event) {
        StringBuilder line = new StringBuilder();
        if (event.epoch() != null) {
            line.append("epoch ").append(event.epoch()).append("  ");
        }
        line.append("iteration ").append(event.iteration());
        if (event.totalIterations() != null) {
            line.append('/').append(event.totalIterations()).append(' ')
                    .append(ProgressLine.bar(event.iteration(), event.totalIterations()));
        }
        line.append(" ");
        for (String term : new String[] {"G", "D", "cycle", "idt"}) {
            Double a = event.losses().get(term + "_A");
            Double b = event.losses().get(term + "_B");
            if (a != null && b != null) {
                line.append(String.format(" %s %.3f/%.3f", term, a, b));
            }
        }
        if (event.imagesPerSecond() != null) {
            line.append(String.format("  %.1f img/s", event.imagesPerSecond()));
        }
        if (event.etaSeconds() != null) {
            line.append("  ETA ").append(ProgressLine.duration(Duration.ofSeconds(event.etaSeconds())));
        }
        return line.toString();
    }

    /** A state for tables: {@code 37/400 (9%)}, or the iteration alone. */
    static String fraction(TrainingEvent event) {
        if (event == null || event.iteration() == null) {
            return "";
        }
        if (event.totalIterations() == null) {
            return String.valueOf(event.iteration());
        }
        return event.iteration() + "/" + event.totalIterations() + " ("
                + Math.round(100.0 * event.iteration() / event.totalIterations()) + "%)";
    }
}
