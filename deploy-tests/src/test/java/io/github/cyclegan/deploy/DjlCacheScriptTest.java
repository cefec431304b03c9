package io.github.cyclegan.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.JarURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.cyclegan.serving.EngineCheck;

/**
 * The image build's DJL cache step, without Docker: djl-cache-from-jars.sh fills a cache from the
 * same native and JNI jars the workers ship, then EngineCheck starts the engine from it in a fresh
 * JVM, offline, as the image's build step does. If the script's layout differed from DJL's, DJL
 * would extract the libraries again (adding files); it must find everything in place instead.
 */
class DjlCacheScriptTest {

    @Test
    void theScriptsCacheIsTheOneDjlLoadsWithoutExtractingAnything(@TempDir Path cache) throws Exception {
        Path nativeJar = jarOf("native/lib/pytorch.properties");
        Path jniJar = jarOf("jnilib/pytorch.properties");

        Process script = new ProcessBuilder("sh", Repo.path("deploy/docker/djl-cache-from-jars.sh").toString(),
                nativeJar.toString(), jniJar.toString(), cache.toString()).redirectErrorStream(true).start();
        String scriptOut = new String(script.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(script.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(script.exitValue()).as(scriptOut).isZero();
        Map<Path, Long> before = files(cache);
        assertThat(before.keySet()).extracting(p -> p.getFileName().toString()).contains("libtorch_cpu.so",
                "0.36.0-libdjl_torch.so");

        ProcessBuilder engine = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), EngineCheck.class.getName()).redirectErrorStream(true);
        engine.environment().put("DJL_CACHE_DIR", cache.toString());
        engine.environment().put("DJL_OFFLINE", "true");
        engine.environment().put("OMP_WAIT_POLICY", "PASSIVE");
        Process check = engine.start();
        String out = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(check.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(check.exitValue()).as(out).isZero();
        assertThat(out).contains("engine PyTorch 2.7.1").doesNotContain("Extracting");
        assertThat(files(cache)).as("DJL added or rewrote nothing").isEqualTo(before);
    }

    /** The jar on this test's class path that holds {@code resource} (the workers ship the same ones). */
    private static Path jarOf(String resource) throws IOException {
        URL url = DjlCacheScriptTest.class.getClassLoader().getResource(resource);
        assertThat(url).as(resource).isNotNull();
        JarURLConnection connection = (JarURLConnection) url.openConnection();
        connection.setUseCaches(false);
        return new File(connection.getJarFileURL().getPath()).toPath();
    }

    private static Map<Path, Long> files(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            List<Path> files = walk.filter(Files::isRegularFile).toList();
            return files.stream().collect(Collectors.toMap(root::relativize, p -> {
                try {
                    return Files.getLastModifiedTime(p).toMillis() ^ Files.size(p);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }));
        }
    }
}
