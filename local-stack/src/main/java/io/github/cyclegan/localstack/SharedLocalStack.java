package io.github.cyclegan.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * One local stack per test JVM, started on first use on free ports in a fresh directory under
 * {@code java.io.tmpdir} (the build points it into {@code target/}), and removed when the JVM exits.
 * Starting Kafka costs seconds, so test classes share it instead of starting their own. It runs with
 * {@link LocalStackConfig#withFaultProxies() fault proxies}, so that any test can inject network faults; a test that
 * does must leave it as it found it ({@link LocalStack#heal()}), since the next test class shares it.
 */
public final class SharedLocalStack {

    private static LocalStack instance;

    private SharedLocalStack() {
    }

    public static synchronized LocalStack get() {
        if (instance == null) {
            Path dir = createDataDir();
            LocalStack stack = LocalStack.start(LocalStackConfig.ephemeral(dir).withFaultProxies());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                stack.close();
                deleteRecursively(dir);
            }, "local-stack-shutdown"));
            instance = stack;
        }
        return instance;
    }

    private static Path createDataDir() {
        try {
            Path base = Paths.get(System.getProperty("java.io.tmpdir"));
            Files.createDirectories(base);
            return Files.createTempDirectory(base, "local-stack-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a data directory for the local stack", e);
        }
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
