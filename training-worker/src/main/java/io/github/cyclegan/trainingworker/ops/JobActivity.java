package io.github.cyclegan.trainingworker.ops;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * What the running job is doing and when it last moved, for the liveness check: the job's phase and
 * since when, its last iteration and when it ended, and the last sign of progress of any kind (a
 * phase change, an iteration, a downloaded dataset file). Written by the training thread, read by
 * health requests.
 */
@ApplicationScoped
public class JobActivity {

    /** The steps of a job, in the order they usually come; each change counts as progress. */
    public enum Phase {
        STARTING("starting"),
        DOWNLOADING("downloading datasets"),
        LOADING("loading checkpoint or initial weights"),
        TRAINING("training"),
        CHECKPOINTING("writing checkpoint"),
        PUBLISHING("publishing version"),
        /** Storage or the broker is away: the job resumes from its last checkpoint once they are back. */
        WAITING("waiting for storage or the broker to come back");

        private final String label;

        Phase(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * @param iteration       the last iteration finished, null before the first one
     * @param lastIterationAt when it finished, null before the first one
     * @param lastProgressAt  the latest of the phase change, the last iteration and the last heartbeat
     */
    public record Snapshot(String jobId, Phase phase, Instant phaseSince, Long iteration, Instant lastIterationAt,
            Instant lastProgressAt) {

        /** How long the job has shown no progress at {@code now}. */
        public Duration quietFor(Instant now) {
            return Duration.between(lastProgressAt, now);
        }
    }

    private final Clock clock;
    private Snapshot current;

    /** On the system clock. */
    public JobActivity() {
        this(Clock.systemUTC());
    }

    /** On {@code clock}, for tests that move time themselves. */
    public JobActivity(Clock clock) {
        this.clock = clock;
    }

    public Clock clock() {
        return clock;
    }

    /** A job begins ({@link Phase#STARTING}). */
    public synchronized void started(String jobId) {
        Instant now = clock.instant();
        current = new Snapshot(jobId, Phase.STARTING, now, null, null, now);
    }

    /** The running job enters {@code phase}; entering the phase it is in changes nothing. */
    public synchronized void phase(Phase phase) {
        if (current != null && current.phase() != phase) {
            Instant now = clock.instant();
            current = new Snapshot(current.jobId(), phase, now, current.iteration(), current.lastIterationAt(), now);
        }
    }

    /** The running job finished training iteration {@code iteration} (and trains on, whatever it did before). */
    public synchronized void iteration(long iteration) {
        if (current != null) {
            Instant now = clock.instant();
            Instant since = current.phase() == Phase.TRAINING ? current.phaseSince() : now;
            current = new Snapshot(current.jobId(), Phase.TRAINING, since, iteration, now, now);
        }
    }

    /** Progress within a long phase, such as one more file of a dataset downloaded. */
    public synchronized void heartbeat() {
        if (current != null) {
            current = new Snapshot(current.jobId(), current.phase(), current.phaseSince(), current.iteration(),
                    current.lastIterationAt(), clock.instant());
        }
    }

    /** The job is over (whatever its outcome): the worker is idle. */
    public synchronized void finished() {
        current = null;
    }

    /** The running job's activity; empty when the worker is idle. */
    public synchronized Optional<Snapshot> current() {
        return Optional.ofNullable(current);
    }
}
