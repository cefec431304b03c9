package io.github.cyclegan.deploy;

import io.github.cyclegan.serving.EngineCheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** deploy/docker/worker.Dockerfile: pinned bases, the runtime settings the workers rely on, a non-root user. */
class DockerfileTest {

    private static final String PATH = "deploy/docker/worker.Dockerfile";
    private static final String TEXT = Repo.read(PATH);
    /** Logical lines: continuations joined. */
    private static final List<String> LINES = TEXT.replace("\\\n", " ").lines().map(String::strip)
            .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();

    @Test
    void baseImagesArePinned() {
        Map<String, String> args = argDefaults();
        List<String> froms = LINES.stream().filter(l -> l.startsWith("FROM ")).map(l -> l.split("\\s+")[1]).toList();
        assertThat(froms).hasSize(2);
        for (String from : froms) {
            String image = from.startsWith("${") ? args.get(from.substring(2, from.length() - 1)) : from;
            assertThat(image).as(from).isNotNull().matches("[^:@]+:[^:]+").doesNotEndWith(":latest");
        }
    }

    @Test
    void theRuntimeSetsEveryProcessVariableTheManifestsMayUseAndRunsOffline() {
        Map<String, String> env = envs();
        assertThat(env).containsEntry("DJL_OFFLINE", "true").containsEntry("OMP_WAIT_POLICY", "PASSIVE")
                .containsEntry("LD_PRELOAD", "/usr/lib/x86_64-linux-gnu/libjemalloc.so.2")
                .containsKeys("MALLOC_CONF", "DJL_CACHE_DIR", "JAVA_OPTS");
        assertThat(TEXT).contains("libjemalloc2");
        String entrypoint = LINES.stream().filter(l -> l.startsWith("ENTRYPOINT")).findFirst().orElseThrow();
        assertThat(entrypoint).contains("exec java ${JAVA_OPTS} -jar /app/quarkus-run.jar");
        // Every process-level variable a manifest may set is one the image knows about (or OpenMP's thread count).
        for (String name : EnvVars.PROCESS) {
            assertThat(env.containsKey(name) || name.equals("OMP_NUM_THREADS")).as(name).isTrue();
        }
    }

    @Test
    void runsAsANonRootUserFromTheFastJarLayout() {
        String user = LINES.stream().filter(l -> l.startsWith("USER ")).reduce((a, b) -> b).orElseThrow();
        assertThat(user).matches("USER [1-9][0-9]*:[1-9][0-9]*");
        assertThat(TEXT).contains("/target/quarkus-app/ /app/");
        assertThat(LINES).anyMatch(l -> l.equals("EXPOSE 8080"));
        for (Worker worker : Worker.values()) {
            String port = worker.property("quarkus.http.port");
            assertThat(port == null ? "8080" : port).as(worker.module).isEqualTo("8080");
        }
    }

    @Test
    void fillsTheDjlCacheAtBuildTimeWithTheScriptAndChecksTheEngine() {
        assertThat(TEXT).contains("COPY deploy/docker/djl-cache-from-jars.sh");
        Repo.path("deploy/docker/djl-cache-from-jars.sh");
        assertThat(TEXT).contains("io.github.cyclegan.serving.EngineCheck");
        Repo.path("engine/src/main/java/io/github/cyclegan/serving/EngineCheck.java");
        assertThat(TEXT).contains("mvn -B -q -pl \"${WORKER}\" -am package -DskipTests ${MAVEN_PROFILES}");
    }

    private static Map<String, String> argDefaults() {
        Map<String, String> args = new LinkedHashMap<>();
        Matcher m = Pattern.compile("^ARG (\\w+)=(\\S*)$").matcher("");
        LINES.forEach(l -> {
            if (m.reset(l).matches()) {
                args.put(m.group(1), m.group(2));
            }
        });
        return args;
    }

    private static Map<String, String> envs() {
        Map<String, String> env = new LinkedHashMap<>();
        Matcher m = Pattern.compile("(\\w+)=(\"[^\"]*\"|\\S+)").matcher("");
        LINES.stream().filter(l -> l.startsWith("ENV ")).forEach(l -> {
            m.reset(l.substring(4));
            while (m.find()) {
                env.put(m.group(1), m.group(2).replace("\"", ""));
            }
        });
        return env;
    }
}
