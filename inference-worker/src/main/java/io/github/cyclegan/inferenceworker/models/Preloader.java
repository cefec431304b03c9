package io.github.cyclegan.inferenceworker.models;

import io.github.cyclegan.inferenceworker.config.ServingConfig;
import io.github.cyclegan.messaging.Direction;
import io.github.cyclegan.messaging.ModelVersion;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Loads the latest version of each {@code preload-models} model in the background, retrying until it succeeds, so
 * that the first requests do not pay the load time. Readiness waits for it.
 */
@ApplicationScoped
public class Preloader {
    private static final Logger LOG = Logger.getLogger(Preloader.class);
    private static final Duration RETRY = Duration.ofSeconds(5);

    @Inject
    ServingConfig config;
    @Inject
    ModelsTopicReader modelsTopic;
    @Inject
    ModelRegistry registry;
    @Inject
    ModelCache cache;

    private volatile boolean done;
    private volatile boolean stopping;

    void start(@Observes StartupEvent event) {
        List<String> models = config.preloadModels().orElse(List.of());
        if (models.isEmpty()) {
            done = true;
            return;
        }
        Thread thread = new Thread(() -> preload(models), "model-preloader");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) {
        stopping = true;
    }

    public boolean isDone() {
        return done;
    }

    private void preload(List<String> models) {
        try {
            while (!modelsTopic.awaitCaughtUp(RETRY)) {
                LOG.debug("preloading waits for the models topic");
            }
            for (String model : models) {
                while (!stopping && !load(model)) {
                    Thread.sleep(RETRY.toMillis());
                }
            }
            done = !stopping;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean load(String model) {
        try {
            ModelVersion version = registry.resolve(model, null);
            for (Direction direction : version.generators().keySet()) {
                cache.acquire(version, direction).close();
            }
            return true;
        } catch (RuntimeException e) {
            LOG.warnf("cannot preload model %s yet: %s", model, e.getMessage());
            return false;
        }
    }
}
