package io.github.cyclegan.trainingworker.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code cyclegan.training.*}: how this worker runs jobs (job configs cannot change these). */
@ConfigMapping(prefix = "cyclegan.training")
public interface WorkerConfig {

    /** Where downloaded datasets are cached, one folder per dataset prefix and listing. */
    Path cacheDir();

    /**
     * The cache's disk budget: after a job has its datasets, the least recently used other datasets are deleted until
     * the cache fits (the running job's two always stay). Keep it below the volume that holds {@link #cacheDir()}.
     */
    @WithDefault("17179869184")
    long cacheMaxBytes();

    /** Most image files one dataset folder may hold; a larger one fails the job before anything is downloaded. */
    @WithDefault("200000")
    int datasetMaxImages();

    /** Most bytes one dataset folder's image files may add up to, checked on the listing before downloading. */
    @WithDefault("8589934592")
    long datasetMaxBytes();

    /** Larger image files are skipped (and counted with the unreadable ones) without being downloaded. */
    @WithDefault("67108864")
    long datasetMaxImageBytes();

    /** A RUNNING event with losses and throughput every this many iterations (the reference's print_freq). */
    @WithDefault("100")
    int eventInterval();

    /** Iterations between checkpoints when the job does not set checkpointInterval (save_latest_freq). */
    @WithDefault("5000")
    int checkpointInterval();

    /** Iterations between sample grids when the job does not set sampleInterval (display_freq). */
    @WithDefault("400")
    int sampleInterval();

    /** Whether a ModelVersion is published at every checkpoint or only when a job completes. */
    @WithDefault("completion")
    VersionPublishing publishVersions();

    /**
     * Complete checkpoint folders kept per job: older ones of the same jobId are deleted once a newer
     * one is complete. At least 1, so the resume point always survives.
     */
    @WithDefault("3")
    int keepCheckpoints();

    /** How long shutdown waits for the running job to write its checkpoint. */
    @WithDefault("PT60S")
    Duration shutdownGrace();

    /**
     * How long a running job may show no progress (no iteration finished, no phase change, no dataset
     * file downloaded) before the liveness check reports DOWN. Well above the slowest iteration and the
     * longest checkpoint write; an idle worker is always live.
     */
    @WithDefault("PT15M")
    Duration stallTimeout();

    /**
     * This worker's name, unique among the training workers: its static membership id in the jobs consumer group (a
     * worker restarted under the same name gets its partitions back at once instead of after the session timeout) and
     * the {@code worker} of its events. In Kubernetes the pod name. Unset: dynamic membership, and host and process
     * id in events.
     */
    Optional<String> instanceId();

    enum VersionPublishing {
        COMPLETION, CHECKPOINT
    }
}
