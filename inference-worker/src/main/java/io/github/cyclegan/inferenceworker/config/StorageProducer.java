package io.github.cyclegan.inferenceworker.config;

import io.github.cyclegan.storage.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The one {@link ObjectStore} of the worker (thread-safe, retries transient errors itself). */
@ApplicationScoped
public class StorageProducer {

    @Produces
    @Singleton
    ObjectStore objectStore(StorageConfig config) {
        return new ObjectStore(config.settings());
    }
}
