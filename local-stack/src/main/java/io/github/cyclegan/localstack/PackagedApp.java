package io.github.cyclegan.localstack;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * A packaged Quarkus worker ({@code target/quarkus-app/quarkus-run.jar}) started as its own JVM and
 * pointed at a {@link LocalStack}: how tests run a worker they can kill with SIGKILL or stop with
 * SIGTERM. Its HTTP server takes a free port and its output goes to a log file.
 */
public final class PackagedApp {

    private PackagedApp() {
    }

    /**
     * @param moduleTarget the module's build folder holding {@code quarkus-app/}
     * @param extraEnv     environment on top of the stack's client settings (overrides them)
     */
    public static Process start(LocalStack stack, Path moduleTarget, Path log, Map<String, String> extraEnv)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                "-Djava.io.tmpdir=" + moduleTarget.resolve("tmp").toAbsolutePath(), "-jar",
                moduleTarget.resolve("quarkus-app/quarkus-run.jar").toString());
        Map<String, String> env = builder.environment();
        env.putAll(stack.clientEnvironment());
        env.put("QUARKUS_HTTP_PORT", "0");
        env.put("DJL_OFFLINE", "true");
        env.put("OMP_WAIT_POLICY", "PASSIVE");
        env.putAll(extraEnv);
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        return builder.start();
    }
}
