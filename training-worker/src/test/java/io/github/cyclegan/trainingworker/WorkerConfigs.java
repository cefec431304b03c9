package io.github.cyclegan.trainingworker;

import java.lang.reflect.Proxy;
import java.nio.file.Path;

import io.github.cyclegan.trainingworker.config.WorkerConfig;

/** {@link WorkerConfig}s for beans built by hand in tests that need no running application. */
public final class WorkerConfigs {

    private WorkerConfigs() {
    }

    /** A config answering only {@code cacheDir} and {@code keepCheckpoints}; any other key fails the test. */
    public static WorkerConfig of(Path cacheDir, int keepCheckpoints) {
        return (WorkerConfig) Proxy.newProxyInstance(WorkerConfig.class.getClassLoader(), new Class<?>[] {WorkerConfig.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "cacheDir" -> cacheDir;
                    case "keepCheckpoints" -> keepCheckpoints;
                    default -> throw new UnsupportedOperationException("test config has no " + method.getName());
                });
    }
}
