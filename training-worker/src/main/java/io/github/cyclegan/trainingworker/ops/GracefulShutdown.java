package io.github.cyclegan.trainingworker.ops;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.github.cyclegan.trainingworker.config.WorkerConfig;
import io.github.cyclegan.trainingworker.job.JobControl;
import io.quarkus.runtime.ShutdownEvent;

/**
 * On SIGTERM the running job stops at its next iteration and writes a checkpoint; it is left
 * unacknowledged, so another worker resumes it. Shutdown waits for that at most the grace period.
 */
@ApplicationScoped
public class GracefulShutdown {

    private static final Logger LOG = Logger.getLogger(GracefulShutdown.class);

    @Inject
    JobControl control;
    @Inject
    WorkerConfig config;

    void onShutdown(@Observes ShutdownEvent event) throws InterruptedException {
        String job = control.running().orElse(null);
        if (job == null) {
            control.shutdown(config.shutdownGrace());
            return;
        }
        LOG.infof("shutting down: stopping job %s at its next iteration (grace %s)", job, config.shutdownGrace());
        if (!control.shutdown(config.shutdownGrace())) {
            LOG.warnf("job %s did not stop within %s; it resumes from its previous checkpoint", job, config.shutdownGrace());
        }
    }
}
