package io.github.cyclegan.inferenceworker.health;

import io.github.cyclegan.inferenceworker.models.ModelsTopicReader;
import io.github.cyclegan.inferenceworker.models.Preloader;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once the models topic has been replayed and the preload models are loaded; broker reachability is the
 * Kafka connector's own readiness check, which /q/health/ready combines with this one.
 */
@Readiness
@ApplicationScoped
public class ModelsReadinessCheck implements HealthCheck {

    @Inject
    ModelsTopicReader modelsTopic;
    @Inject
    Preloader preloader;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("models")
                .withData("modelsTopicReplayed", modelsTopic.isCaughtUp())
                .withData("preloadModelsLoaded", preloader.isDone())
                .status(modelsTopic.isCaughtUp() && preloader.isDone())
                .build();
    }
}
