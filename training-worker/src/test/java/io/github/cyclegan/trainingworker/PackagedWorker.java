package io.github.cyclegan.trainingworker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.github.cyclegan.localstack.LocalStack;
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
        LocalStack stack = SharedLocalStack.get();
        Path target = Path.of("target");
        ProcessBuilder builder = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                "-Djava.io.tmpdir=" + target.resolve("tmp").toAbsolutePath(), "-jar",
                target.resolve("quarkus-app/quarkus-run.jar").toString());
        Map<String, String> env = builder.environment();
        env.putAll(stack.clientEnvironment());
        env.put("CYCLEGAN_TRAINING_EVENT_INTERVAL", "1");
        env.put("QUARKUS_HTTP_PORT", "0");
        // A dead worker's partitions move to the next one only after its session times out (broker minimum 6 s).
        env.put("MP_MESSAGING_INCOMING_JOBS_SESSION_TIMEOUT_MS", "6000");
        env.put("DJL_OFFLINE", "true");
        env.put("OMP_WAIT_POLICY", "PASSIVE");
        env.putAll(extraEnv);
        builder.redirectErrorStream(true).redirectOutput(log(name).toFile());
        return builder.start();
    }

    static Path log(String name) {
        return Path.of("target", name + ".log");
    }

    static String logText(String name) throws IOException {
        return Files.readString(log(name));
    }
}
