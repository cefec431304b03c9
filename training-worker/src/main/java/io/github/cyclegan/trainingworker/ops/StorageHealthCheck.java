package io.github.cyclegan.trainingworker.ops;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.github.cyclegan.storage.ObjectStore;

/** Ready only while the object store answers: without it no job can fetch data or store checkpoints. */
@Readiness
@ApplicationScoped
public class StorageHealthCheck implements HealthCheck {

    private static final String PROBE_KEY = "health/probe";

    @Inject
    ObjectStore store;

    @Override
    public HealthCheckResponse call() {
        try {
            // Any answer, "absent" included, proves the endpoint, credentials and signing work.
            store.stat(PROBE_KEY);
            return HealthCheckResponse.named("object-store").up().withData("bucket", store.bucket()).build();
        } catch (RuntimeException e) {
            return HealthCheckResponse.named("object-store").down().withData("error", String.valueOf(e.getMessage())).build();
        }
    }
}
