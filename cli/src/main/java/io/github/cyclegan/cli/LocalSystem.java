package io.github.cyclegan.cli;

import io.github.cyclegan.localstack.FreePorts;
import io.github.cyclegan.localstack.LocalStack;
import io.github.cyclegan.localstack.LocalStackConfig;
import io.github.cyclegan.localstack.PackagedApp;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The whole system on this machine: the local stack (Kafka and S3 in this JVM) and, unless told otherwise, one
 * packaged training worker and one packaged inference worker as child JVMs, logging into the data directory. What
 * {@code ./cyclegan local} runs in the foreground; other commands that need a running system reuse it.
 */
public final class LocalSystem implements AutoCloseable {

    public static final int DEFAULT_TRAINING_PORT = 8081;
    public static final int DEFAULT_INFERENCE_PORT = 8082;
    /** Quarkus and libtorch start in seconds, but a busy two-core machine can take a minute or more. */
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(5);
    /** Longer than the training worker's shutdown grace (60 s), which it may spend on a checkpoint. */
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(90);

    /**
     * @param workers       whether to start the two workers
     * @param home          the checkout (or distribution) holding {@code training-worker/target/quarkus-app} and
     *                      {@code inference-worker/target/quarkus-app}
     * @param trainingPort  HTTP port of the training worker's health and metrics; 0 picks a free one
     * @param inferencePort HTTP port of the inference worker's health and metrics; 0 picks a free one
     */
    public record Config(LocalStackConfig stack, boolean workers, Path home, int trainingPort, int inferencePort) {

        Path workerTarget(String module) {
            return home.resolve(module).resolve("target");
        }
    }

    private final LocalStack stack;
    private final List<Worker> workers;

    private record Worker(String name, Process process, Path log, int port) {
    }

    private LocalSystem(LocalStack stack, List<Worker> workers) {
        this.stack = stack;
        this.workers = workers;
    }

    /**
     * Starts the stack, then the workers, and returns once both workers report ready ({@code /q/health/ready}).
     * Missing worker builds are reported before anything starts; on any failure whatever started is stopped again.
     */
    public static LocalSystem start(Config config, PrintWriter out) throws IOException, InterruptedException {
        if (config.workers()) {
            for (String module : List.of("training-worker", "inference-worker")) {
                Path jar = config.workerTarget(module).resolve("quarkus-app/quarkus-run.jar");
                if (!Files.isRegularFile(jar)) {
                    throw new IllegalStateException("no packaged " + module + " at " + jar + ": build the project first "
                            + "(mvn -B -DskipTests package in " + config.home().toAbsolutePath().normalize()
                            + "), or run the infrastructure alone with --no-workers");
                }
            }
        }
        out.println("Starting Kafka (KRaft) and S3 in " + config.stack().dataDir() + " ...");
        out.flush();
        LocalStack stack = LocalStack.start(config.stack());
        out.printf("Kafka and S3 are up in %.1f s.%n", stack.startupTime().toMillis() / 1000.0);
        out.flush();
        LocalSystem system = new LocalSystem(stack, new ArrayList<>());
        // Child JVMs outlive this one unless stopped: Ctrl-C during start-up must not leave workers behind.
        Thread stopWorkers = new Thread(() -> system.workers.forEach(w -> w.process().destroy()), "stop-workers");
        Runtime.getRuntime().addShutdownHook(stopWorkers);
        try {
            if (config.workers()) {
                system.startWorkers(config, out);
            }
            return system;
        } catch (IOException | InterruptedException | RuntimeException e) {
            system.close();
            throw e;
        } finally {
            Runtime.getRuntime().removeShutdownHook(stopWorkers);
        }
    }

    public LocalStack stack() {
        return stack;
    }

    /** The HTTP base URLs of the running workers, by name ({@code training worker}, {@code inference worker}). */
    public Map<String, URI> workerUrls() {
        Map<String, URI> urls = new LinkedHashMap<>();
        workers.forEach(w -> urls.put(w.name(), url(w.port(), "")));
        return urls;
    }

    private void startWorkers(Config config, PrintWriter out) throws IOException, InterruptedException {
        long started = System.nanoTime();
        Path dataDir = config.stack().dataDir();
        // The dataset cache belongs with the rest of the local data, not in the build folder.
        start(config, "training worker", "training-worker", config.trainingPort(),
                Map.of("CYCLEGAN_TRAINING_CACHE_DIR", dataDir.resolve("training-cache").toString()));
        start(config, "inference worker", "inference-worker", config.inferencePort(), Map.of());
        for (Worker worker : workers) {
            out.printf("Starting the %s on port %d (log: %s) ...%n", worker.name(), worker.port(), worker.log());
        }
        out.flush();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        for (Worker worker : workers) {
            awaitReady(http, worker);
        }
        out.printf("Workers are ready in %.1f s.%n", (System.nanoTime() - started) / 1e9);
        out.flush();
    }

    private void start(Config config, String name, String module, int requestedPort, Map<String, String> extraEnv)
            throws IOException {
        Path target = config.workerTarget(module);
        Files.createDirectories(target.resolve("tmp"));
        Path log = config.stack().dataDir().resolve(module + ".log");
        Map<String, String> env = new LinkedHashMap<>(extraEnv);
        // Chosen here rather than by the worker, because readiness is polled on this port.
        int port = FreePorts.resolve(LocalStackConfig.DEFAULT_HOST, requestedPort);
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        // People read these logs; JSON lines are for log shippers.
        env.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
        workers.add(new Worker(name, PackagedApp.start(stack, target, log, env), log, port));
    }

    private static void awaitReady(HttpClient http, Worker worker) throws InterruptedException {
        HttpRequest ready = HttpRequest.newBuilder(url(worker.port(), "/q/health/ready"))
                .timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (true) {
            if (!worker.process().isAlive()) {
                throw new IllegalStateException("the " + worker.name() + " exited with code "
                        + worker.process().exitValue() + " while starting; see " + worker.log());
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // Not listening yet.
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the " + worker.name() + " was not ready within "
                        + READY_TIMEOUT.toMinutes() + " minutes; see " + worker.log());
            }
            Thread.sleep(500);
        }
    }

    private static URI url(int port, String path) {
        return URI.create("http://" + LocalStackConfig.DEFAULT_HOST + ":" + port + path);
    }

    /** Stops the workers (SIGTERM: the training worker checkpoints its job first), then Kafka and S3. */
    @Override
    public void close() {
        workers.forEach(w -> w.process().destroy());
        for (Worker worker : workers) {
            try {
                if (!worker.process().waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                    worker.process().destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                worker.process().destroyForcibly();
            }
        }
        stack.close();
    }
}
