package io.github.cyclegan.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import picocli.CommandLine;

/**
 * The system the CLI tests talk to: {@code cyclegan local} with both packaged workers (built by the reactor before
 * this module), run as its own process exactly as the launcher runs it, once per test JVM on free ports, and stopped
 * when the JVM exits. Commands run in this JVM through {@link #run}, with the connection options pointing at it.
 */
public final class CliSystem {

    /** A reference ResNet-6 generator, ngf 4, saved by torch.save (zip format): one of the engine's parity fixtures. */
    public static final Path REFERENCE_GENERATOR = Path.of("..", "engine", "src", "test", "resources", "model",
            "parity", "resnet_6blocks_ngf4.pth");

    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);
    private static CliSystem instance;

    /** What {@code cyclegan local} printed up to its "Press Ctrl-C" line. */
    public final List<String> banner;
    public final String bootstrapServers;
    public final String s3Endpoint;
    public final Path dataDir;

    private CliSystem(List<String> banner, String bootstrapServers, String s3Endpoint, Path dataDir) {
        this.banner = banner;
        this.bootstrapServers = bootstrapServers;
        this.s3Endpoint = s3Endpoint;
        this.dataDir = dataDir;
    }

    /** The outcome of one command: its exit code and everything it printed. */
    public record Result(int exit, String out, String err) {
        public List<String> lines() {
            return out.lines().toList();
        }
    }

    public static synchronized CliSystem get() {
        if (instance == null) {
            instance = start();
        }
        return instance;
    }

    /** Runs {@code cyclegan ARGS} in this JVM against the system: the connection options are appended. */
    public Result run(String... args) {
        List<String> all = new ArrayList<>(Arrays.asList(args));
        all.addAll(List.of("--bootstrap-servers", bootstrapServers, "--s3-endpoint", s3Endpoint));
        return runAlone(all.toArray(String[]::new));
    }

    /** Runs {@code cyclegan ARGS} in this JVM as given, for commands that need no system or are pointed elsewhere. */
    public static Result runAlone(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = CycleganCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static CliSystem start() {
        try {
            Path dataDir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "cli-system-");
            int kafkaPort = freePort();
            int s3Port = freePort();
            // Tiny test jobs run a handful of iterations: report every one of them.
            Process process = startLocal(Map.of("CYCLEGAN_TRAINING_EVENT_INTERVAL", "1"), "--home", "..",
                    "--data-dir", dataDir.toString(), "--kafka-port", String.valueOf(kafkaPort),
                    "--s3-port", String.valueOf(s3Port), "--training-port", String.valueOf(freePort()),
                    "--inference-port", String.valueOf(freePort()));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(process, dataDir), "cli-system-stop"));
            List<String> banner = awaitBanner(process, START_TIMEOUT);
            return new CliSystem(banner, "127.0.0.1:" + kafkaPort, "http://127.0.0.1:" + s3Port, dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start cyclegan local", e);
        }
    }

    /** {@code cyclegan local ARGS} as its own process, as the launcher runs it, with its output on one stream. */
    public static Process startLocal(Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), "-Djava.io.tmpdir="
                + System.getProperty("java.io.tmpdir"), CycleganCli.class.getName(), "local"));
        command.addAll(Arrays.asList(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        return builder.start();
    }

    /**
     * What {@code cyclegan local} prints up to its "Press Ctrl-C" line (the rest of its output is drained in the
     * background); the process is killed and this fails if that takes longer than {@code limit}.
     */
    public static List<String> awaitBanner(Process process, Duration limit) throws IOException {
        List<String> lines = new ArrayList<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        // A process that never prints the line would block the read below for good: stop it at the limit.
        ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor();
        watchdog.schedule(process::destroyForcibly, limit.toMillis(), TimeUnit.MILLISECONDS);
        String line;
        while ((line = reader.readLine()) != null) {
            lines.add(line);
            if (line.startsWith("Press Ctrl-C")) {
                watchdog.shutdownNow();
                Thread drain = new Thread(() -> reader.lines().forEach(l -> { }), "cyclegan-local-output");
                drain.setDaemon(true);
                drain.start();
                return lines;
            }
        }
        watchdog.shutdownNow();
        throw new AssertionError("cyclegan local did not become ready within " + limit + "; it printed:\n"
                + String.join("\n", lines));
    }

    private static void stop(Process process, Path dataDir) {
        process.destroy();
        try {
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> paths = Files.walk(dataDir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // Only target/ space is at stake.
        }
    }
}
