package io.github.cyclegan.trainingworker.ops;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

import io.github.cyclegan.trainingworker.job.JobControl;

/** Live while the application runs; names the running job so operators see what a pod is doing. */
@Liveness
@ApplicationScoped
public class TrainingLivenessCheck implements HealthCheck {

    @Inject
    JobControl control;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("training").up().withData("job", control.running().orElse("none")).build();
    }
}
