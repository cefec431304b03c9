package io.github.cyclegan.trainingworker.job;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import io.github.cyclegan.messaging.InvalidMessageException;
import io.github.cyclegan.messaging.MessageCodec;
import io.github.cyclegan.messaging.ModelVersion;
import io.github.cyclegan.messaging.TrainingEvent;
import io.github.cyclegan.messaging.TrainingJob;
import io.github.cyclegan.messaging.TrainingState;
import io.github.cyclegan.storage.ObjectStore;
import io.github.cyclegan.training.CycleGanTrainer;
import io.github.cyclegan.training.TrainingProgress;
import io.github.cyclegan.training.TrainingOutcome;
import io.github.cyclegan.trainingworker.checkpoint.CheckpointStore;
import io.github.cyclegan.trainingworker.checkpoint.StoredCheckpoint;
import io.github.cyclegan.trainingworker.checkpoint.WarmStart;
import io.github.cyclegan.trainingworker.config.WorkerConfig;
import io.github.cyclegan.trainingworker.dataset.DatasetCache;
import io.github.cyclegan.trainingworker.dataset.LocalDataset;
import io.github.cyclegan.trainingworker.events.EventPublisher;
import io.github.cyclegan.trainingworker.ops.JobActivity;
import io.github.cyclegan.trainingworker.ops.JobActivity.Phase;
import io.github.cyclegan.trainingworker.ops.TrainingMetrics;
import io.github.cyclegan.trainingworker.version.VersionPublisher;

/**
 * Runs one training job from its message to a final state: validate, fetch the datasets, resume
 * from the job's own newest checkpoint, train, publish the version. Every failure the job can be
 * blamed for ends as a FAILED event with a specific message.
 */
@ApplicationScoped
public class JobRunner {

    private static final Logger LOG = Logger.getLogger(JobRunner.class);
    private static final Duration FIRST_PAUSE = Duration.ofSeconds(1);
    private static final Duration MAX_PAUSE = Duration.ofSeconds(60);
    private static final Duration STOP_CHECK = Duration.ofMillis(500);

    @Inject
    WorkerConfig worker;
    @Inject
    DatasetCache datasets;
    @Inject
    CheckpointStore checkpoints;
    @Inject
    VersionPublisher versions;
    @Inject
    EventPublisher events;
    @Inject
    ObjectStore store;
    @Inject
    TrainingMetrics metrics;
    @Inject
    JobControl control;
    @Inject
    WarmStart warmStart;
    @Inject
    JobActivity activity;

    /**
     * Runs the job in {@code payload}. Only one job runs per JVM (DJL allows one gradient collector),
     * which the ordered blocking consumer already guarantees; synchronized keeps it true for any caller.
     *
     * @param partition the jobs topic's partition the job came from, for the handover on a rebalance
     * @return true when the job reached a final state and its message may be acknowledged; false
     *         when shutdown or a handover interrupted it after a checkpoint, so that it is redelivered
     */
    public synchronized boolean run(String payload, int partition) {
        TrainingJob job;
        try {
            job = MessageCodec.fromJson(payload, TrainingJob.class);
        } catch (InvalidMessageException e) {
            rejectUnreadable(payload, e);
            return true;
        }
        control.started(job.jobId(), partition);
        activity.started(job.jobId());
        try {
            events.publish(TrainingEvent.of(job.jobId(), job.model(), TrainingState.ACCEPTED));
            Optional<TrainingState> end = attempt(job);
            end.ifPresent(metrics::jobEnded);
            return end.isPresent();
        } finally {
            activity.finished();
            control.finished();
        }
    }

    /**
     * Trains until the job ends. An outage (storage or the broker unreachable, a full disk; see {@link Outages}) is
     * not the job's fault: the job waits, with a growing, jittered pause, and resumes from its last checkpoint, for as
     * long as it takes. While it waits it shows no progress, so an outage longer than
     * {@code cyclegan.training.stall-timeout} turns liveness DOWN and the pod is restarted; the job, never
     * acknowledged, is then delivered again.
     */
    private Optional<TrainingState> attempt(TrainingJob job) {
        long pauseMillis = FIRST_PAUSE.toMillis();
        while (true) {
            try {
                return train(job);
            } catch (JobFailedException e) {
                return Optional.of(fail(job, e.getMessage()));
            } catch (RuntimeException e) {
                if (!Outages.isTransient(e)) {
                    LOG.errorf(e, "job %s failed", job.jobId());
                    return Optional.of(fail(job, "training failed: " + e));
                }
                long pause = pauseMillis + ThreadLocalRandom.current().nextLong(pauseMillis / 2 + 1);
                LOG.warnf("job %s stopped by an outage (%s); resuming from its last checkpoint in %d ms", job.jobId(),
                        e, pause);
                metrics.outage();
                activity.phase(Phase.WAITING);
                if (!waitOut(job, pause)) {
                    LOG.infof("job %s left unacknowledged: asked to stop while waiting out an outage", job.jobId());
                    return Optional.empty();
                }
                pauseMillis = Math.min(pauseMillis * 2, MAX_PAUSE.toMillis());
            }
        }
    }

    /** Sleeps {@code millis} unless a stop (shutdown, cancel, handover) is asked for first; false then. */
    private boolean waitOut(TrainingJob job, long millis) {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (System.nanoTime() < deadline) {
            if (control.stopRequested(job.jobId())) {
                return false;
            }
            try {
                Thread.sleep(Math.min(STOP_CHECK.toMillis(), Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    private Optional<TrainingState> train(TrainingJob job) {
        JobConfig config = JobConfig.of(job.config(), worker.checkpointInterval(), worker.sampleInterval());
        Device device = TrainingDevices.resolve(config.device());
        activity.phase(Phase.DOWNLOADING);
        LocalDataset domainA = datasets.fetch("datasetA", job.datasetA(), activity::heartbeat);
        LocalDataset domainB = datasets.fetch("datasetB", job.datasetB(), activity::heartbeat);
        datasets.evictBeyondBudget(List.of(domainA, domainB));
        metrics.imagesSkipped("A", domainA.skipped());
        metrics.imagesSkipped("B", domainB.skipped());
        activity.phase(Phase.LOADING);
        Optional<StoredCheckpoint> resumeFrom = resumePoint(job, config);
        try (NDManager manager = NDManager.newBaseManager(device);
                CycleGanTrainer trainer = new CycleGanTrainer(config.plan(), domainA.images(), domainB.images(), manager)) {
            JobListener listener = new JobListener(job, config, trainer.totalIterations(), new JobServices(events,
                    checkpoints, versions, store, metrics, activity, control, worker.eventInterval()),
                    worker.publishVersions() == WorkerConfig.VersionPublishing.CHECKPOINT);
            Integer epoch = null;
            if (resumeFrom.isPresent()) {
                TrainingProgress resumed = resume(trainer, resumeFrom.get());
                listener.resumedFrom(resumeFrom.get(), resumed.iteration());
                epoch = resumed.epoch();
            } else {
                // A resumed run already carries what it started from; only a fresh one warm-starts.
                config.initFrom().ifPresent(folder -> warmStart.load(trainer.model(), folder));
            }
            events.publish(TrainingEvent.builder(job.jobId(), job.model(), TrainingState.RUNNING).epoch(epoch)
                    .iteration(trainer.iteration(), trainer.totalIterations()).build());
            activity.phase(Phase.TRAINING);
            TrainingOutcome outcome = trainer.run(listener);
            if (outcome == TrainingOutcome.COMPLETED) {
                return Optional.of(complete(job, config, listener, trainer.iteration(), trainer.totalIterations()));
            }
            if (control.isCancelled(job.jobId())) {
                control.clearCancel(job.jobId());
                events.publish(listener.event(TrainingState.CANCELLED)
                        .iteration(trainer.iteration(), trainer.totalIterations()).checkpoint(checkpointUri(listener))
                        .build());
                return Optional.of(TrainingState.CANCELLED);
            }
            LOG.infof("job %s stopped for %s at iteration %d after its checkpoint; left unacknowledged for redelivery",
                    job.jobId(), control.isHandedOver(job.jobId()) ? "a rebalance that moved its partition" : "shutdown",
                    trainer.iteration());
            return Optional.empty();
        }
    }

    private TrainingProgress resume(CycleGanTrainer trainer, StoredCheckpoint from) {
        TrainingProgress progress;
        try {
            progress = checkpoints.read(from, trainer::resume);
        } catch (IOException | RuntimeException e) {
            throw new JobFailedException("cannot resume from checkpoint " + from.uri() + " (did the datasets change?): "
                    + e.getMessage(), e);
        }
        LOG.infof("job %s resumes from %s at iteration %d", from.stamp().jobId(), from.uri(), trainer.iteration());
        return progress;
    }

    /**
     * The model's newest checkpoint if this same job wrote it: a redelivery after a crash, or a
     * resubmission. Another job's checkpoint is never resumed; that job starts from scratch.
     */
    private Optional<StoredCheckpoint> resumePoint(TrainingJob job, JobConfig config) {
        Optional<StoredCheckpoint> newest = checkpoints.newest(job.model())
                .filter(c -> c.stamp().jobId().equals(job.jobId()));
        if (newest.isPresent() && !newest.get().stamp().configHash().equals(config.hash())) {
            throw new JobFailedException("job " + job.jobId() + " was resubmitted with a different config than its checkpoint "
                    + newest.get().uri() + "; submit changed settings under a new jobId");
        }
        return newest;
    }

    private TrainingState complete(TrainingJob job, JobConfig config, JobListener listener, long iteration,
            long totalIterations) {
        activity.phase(Phase.PUBLISHING);
        StoredCheckpoint last = listener.lastCheckpoint().orElseThrow(
                () -> new IllegalStateException("a completed run has a checkpoint"));
        ModelVersion version = listener.lastCheckpointVersion()
                .or(() -> alreadyPublished(job, listener, iteration))
                .orElseGet(() -> versions.publish(job.model(), job.jobId(), config.architecture(), last));
        events.publish(listener.event(TrainingState.COMPLETED).iteration(iteration, totalIterations)
                .checkpoint(checkpointUri(listener)).version(version.version()).build());
        return TrainingState.COMPLETED;
    }

    /**
     * A job redelivered after it completed (the worker died before acknowledging) resumes from its
     * completed checkpoint and trains nothing; if it got as far as storing its version, that version is
     * announced again rather than published twice.
     */
    private Optional<ModelVersion> alreadyPublished(TrainingJob job, JobListener listener, long iteration) {
        boolean trainedNothing = listener.epoch() == null && iteration > 0;
        return trainedNothing ? versions.republish(job.model(), job.jobId()) : Optional.empty();
    }

    private static String checkpointUri(JobListener listener) {
        return listener.lastCheckpoint().map(StoredCheckpoint::uri).orElse(null);
    }

    private TrainingState fail(TrainingJob job, String error) {
        events.publish(TrainingEvent.failed(job.jobId(), job.model(), error));
        return TrainingState.FAILED;
    }

    /** Answers an unreadable job with FAILED when its jobId can be read; otherwise there is nobody to tell. */
    private void rejectUnreadable(String payload, InvalidMessageException e) {
        Optional<String> jobId = e.messageId();
        if (jobId.isEmpty()) {
            LOG.errorf("dropping unreadable training job without a jobId: %s", e.getMessage());
            return;
        }
        events.publish(TrainingEvent.failed(jobId.get(), modelOf(payload), e.getMessage()));
        metrics.jobEnded(TrainingState.FAILED);
    }

    /** The job's model name when it is a valid one; events need one even for a job that names none. */
    private static String modelOf(String payload) {
        try {
            JsonNode model = MessageCodec.mapper().readTree(payload).path("model");
            if (model.isTextual() && model.asText().matches("[A-Za-z0-9][A-Za-z0-9._-]{0,127}") && !model.asText().contains("..")) {
                return model.asText();
            }
        } catch (java.io.IOException e) {
            LOG.debugf("no model name in unreadable job: %s", e.getMessage());
        }
        return "unknown";
    }
}
