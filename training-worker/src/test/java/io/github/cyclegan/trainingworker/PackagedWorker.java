package io.github.cyclegan.trainingworker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.github.cyclegan.localstack.PackagedApp;
import io.github.cyclegan.localstack.SharedLocalStack;

/** The packaged worker ({@code target/quarkus-app}) started as a separate JVM on the test's local stack. */
final class PackagedWorker {

    private PackagedWorker() {
    }

    /**
     * Starts a worker whose output goes to {@code target/{name}.log}.
     *
     * @param extraEnv environment overrides on top of the stack's client settings
     */
    static Process start(String name, Map<String, String> extraEnv) throws IOException {
        Map<String, String> env = new java.util.HashMap<>();
        env.put("CYCLEGAN_TRAINING_EVENT_INTERVAL", "1");
        // A dead worker's partitions move to the next one only after its session times out (broker minimum 6 s).
        env.put("MP_MESSAGING_INCOMING_JOBS_SESSION_TIMEOUT_MS", "6000");
        env.putAll(extraEnv);
        return PackagedApp.start(SharedLocalStack.get(), Path.of("target"), log(name), env);
    }

    static Path log(String name) {
        return Path.of("target", name + ".log");
    }

    static String logText(String name) throws IOException {
        return Files.readString(log(name));
    }
}
