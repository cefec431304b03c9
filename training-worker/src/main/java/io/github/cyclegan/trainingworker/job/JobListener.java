package io.github.cyclegan.trainingworker.job;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jboss.logging.Logger;

import io.github.cyclegan.image.ChwImage;
import io.github.cyclegan.messaging.ModelVersion;
import io.github.cyclegan.messaging.TrainingEvent;
import io.github.cyclegan.messaging.TrainingJob;
import io.github.cyclegan.messaging.TrainingState;
import io.github.cyclegan.training.IterationReport;
import io.github.cyclegan.training.TrainingCheckpoint;
import io.github.cyclegan.training.TrainingListener;
import io.github.cyclegan.trainingworker.checkpoint.JobStamp;
import io.github.cyclegan.trainingworker.checkpoint.StoredCheckpoint;
import io.github.cyclegan.trainingworker.ops.JobActivity;

/**
 * One job's view of the training loop: reports progress every {@code eventInterval} iterations,
 * stores checkpoints and sample grids, publishes a version per checkpoint when configured, and
 * relays stop requests. Runs on the training thread.
 */
final class JobListener implements TrainingListener {

    private static final Logger LOG = Logger.getLogger(JobListener.class);

    private final TrainingJob job;
    private final JobConfig config;
    private final long totalIterations;
    private final JobServices services;
    private final boolean versionEachCheckpoint;
    private long intervalStart = System.nanoTime();
    private int intervalImages;
    private int intervalIterations;
    private Integer epoch;
    private Map<String, Double> losses;
    private String sample;
    private StoredCheckpoint lastCheckpoint;
    private long lastCheckpointIteration = -1;
    private ModelVersion lastCheckpointVersion;

    JobListener(TrainingJob job, JobConfig config, long totalIterations, JobServices services,
            boolean versionEachCheckpoint) {
        this.job = job;
        this.config = config;
        this.totalIterations = totalIterations;
        this.services = services;
        this.versionEachCheckpoint = versionEachCheckpoint;
    }

    @Override
    public void onIteration(IterationReport report) {
        services.activity().iteration(report.iteration());
        services.metrics().iteration(report.losses());
        epoch = report.epoch();
        losses = report.losses().asMap();
        intervalImages += report.batchSize();
        intervalIterations++;
        if (report.iteration() % services.eventInterval() != 0) {
            return;
        }
        // Wall time, not the iterations' own time, so that checkpoints and samples count against throughput.
        double seconds = Math.max(1e-9, (System.nanoTime() - intervalStart) / 1e9);
        double imagesPerSecond = intervalImages / seconds;
        long eta = Math.round((report.totalIterations() - report.iteration()) * seconds / intervalIterations);
        services.metrics().throughput(imagesPerSecond);
        services.events().publish(event(TrainingState.RUNNING).epoch(epoch)
                .iteration(report.iteration(), totalIterations).losses(losses).throughput(imagesPerSecond, eta)
                .sample(sample).build());
        intervalStart = System.nanoTime();
        intervalImages = 0;
        intervalIterations = 0;
    }

    @Override
    public void onSample(long iteration, List<ChwImage> visuals) {
        String key = "models/" + job.model() + "/samples/" + String.format("%09d.png", iteration);
        services.store().put(key, SampleGrid.png(visuals), "image/png");
        sample = services.store().uri(key).toString();
    }

    @Override
    public void onCheckpoint(TrainingCheckpoint checkpoint) {
        long iteration = checkpoint.progress().iteration();
        // A stop right after an epoch end (or right after resuming) hands over the state just stored.
        if (lastCheckpoint != null && iteration == lastCheckpointIteration) {
            return;
        }
        services.activity().phase(JobActivity.Phase.CHECKPOINTING);
        long started = System.nanoTime();
        lastCheckpoint = services.checkpoints().write(job.model(), new JobStamp(job.jobId(), config.hash()), checkpoint);
        lastCheckpointIteration = iteration;
        services.metrics().checkpointStored(Duration.ofNanos(System.nanoTime() - started));
        try {
            services.checkpoints().prune(job.model(), job.jobId());
        } catch (RuntimeException e) {
            // Old checkpoints only cost storage; the next checkpoint retries, so training goes on.
            LOG.warnf(e, "job %s: cannot delete old checkpoints of model %s", job.jobId(), job.model());
        }
        lastCheckpointVersion = versionEachCheckpoint
                ? services.versions().publish(job.model(), job.jobId(), config.architecture(), lastCheckpoint)
                : null;
        services.events().publish(event(TrainingState.CHECKPOINTED)
                .epoch(epoch == null ? checkpoint.progress().epoch() : epoch).iteration(iteration, totalIterations)
                .losses(losses).checkpoint(lastCheckpoint.uri())
                .version(lastCheckpointVersion == null ? null : lastCheckpointVersion.version()).sample(sample).build());
        services.activity().phase(JobActivity.Phase.TRAINING);
    }

    /** An event of this job that carries what the listener knows: epoch, losses and the latest sample. */
    TrainingEvent.Builder event(TrainingState state) {
        return TrainingEvent.builder(job.jobId(), job.model(), state).epoch(epoch).losses(losses).sample(sample);
    }

    @Override
    public boolean stopRequested() {
        return services.control().stopRequested(job.jobId());
    }

    /** Sets where a resumed run starts, so a run that has nothing left to do still knows its checkpoint. */
    void resumedFrom(StoredCheckpoint checkpoint, long iteration) {
        lastCheckpoint = checkpoint;
        lastCheckpointIteration = iteration;
    }

    Optional<StoredCheckpoint> lastCheckpoint() {
        return Optional.ofNullable(lastCheckpoint);
    }

    /** The version published from the last checkpoint, when versions are published per checkpoint. */
    Optional<ModelVersion> lastCheckpointVersion() {
        return Optional.ofNullable(lastCheckpointVersion);
    }

    Integer epoch() {
        return epoch;
    }
}
