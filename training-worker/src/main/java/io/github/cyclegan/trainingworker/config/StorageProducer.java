package io.github.cyclegan.trainingworker.config;

import jakarta.inject.Singleton;
import jakarta.enterprise.inject.Produces;

import io.github.cyclegan.storage.ObjectStore;

/** The one {@link ObjectStore} of the application (thread-safe; a final class, hence @Singleton, not proxied). */
public class StorageProducer {

    @Produces
    @Singleton
    ObjectStore objectStore(StorageConfig config) {
        return new ObjectStore(config.toSettings());
    }
}
