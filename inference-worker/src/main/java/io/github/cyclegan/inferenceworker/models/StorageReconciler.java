package io.github.cyclegan.inferenceworker.models;

import io.github.cyclegan.inferenceworker.config.ServingConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/** Runs {@link ModelRegistry#reconcileWithStorage()} every {@code cyclegan.inference.reconcile-interval}. */
@ApplicationScoped
public class StorageReconciler {
    private static final Logger LOG = Logger.getLogger(StorageReconciler.class);

    @Inject
    ModelRegistry registry;
    @Inject
    ServingConfig config;

    private ScheduledExecutorService timer;

    void start(@Observes StartupEvent event) {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "models-reconciler");
            thread.setDaemon(true);
            return thread;
        });
        long every = config.reconcileInterval().toMillis();
        timer.scheduleWithFixedDelay(this::reconcile, every, every, TimeUnit.MILLISECONDS);
    }

    private void reconcile() {
        try {
            registry.reconcileWithStorage();
        } catch (RuntimeException e) {
            // Storage may be away for a while; the next round tries again.
            LOG.warnf("cannot compare the known models with storage now: %s", e.getMessage());
        }
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
