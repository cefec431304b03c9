package io.github.cyclegan.worker;

import io.github.cyclegan.storage.ObjectStore;
import io.github.cyclegan.versions.ModelVersions;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The one {@link ObjectStore} of a worker (thread-safe, retries transient errors itself) and the one reader and
 * publisher of model versions over it. Final classes, hence @Singleton rather than a proxied scope.
 */
public class StorageProducer {

    @Produces
    @Singleton
    ObjectStore objectStore(StorageConfig config) {
        return new ObjectStore(config.settings());
    }

    @Produces
    @Singleton
    ModelVersions modelVersions(ObjectStore store) {
        return new ModelVersions(store);
    }
}
