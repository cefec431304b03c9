package io.github.cyclegan.trainingworker;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.Map;

import io.github.cyclegan.trainingworker.config.WorkerConfig;

/** {@link WorkerConfig}s for beans built by hand in tests that need no running application. */
public final class WorkerConfigs {

    private WorkerConfigs() {
    }

    /** A config answering only {@code cacheDir} and {@code keepCheckpoints}; any other key fails the test. */
    public static WorkerConfig of(Path cacheDir, int keepCheckpoints) {
        return of(Map.of("cacheDir", cacheDir, "keepCheckpoints", keepCheckpoints));
    }

    /** A config answering the keys given (by accessor name); any other key fails the test. */
    public static WorkerConfig of(Map<String, Object> values) {
        return (WorkerConfig) Proxy.newProxyInstance(WorkerConfig.class.getClassLoader(), new Class<?>[] {WorkerConfig.class},
                (proxy, method, args) -> {
                    Object value = values.get(method.getName());
                    if (value == null) {
                        throw new UnsupportedOperationException("test config has no " + method.getName());
                    }
                    return value;
                });
    }
}
