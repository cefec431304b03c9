package io.github.cyclegan.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A photo app that adds this library gets messages, storage and a Kafka client, nothing more: no engine, no
 * PyTorch, no broker or S3 server, at most 30 MB of jars (the README reports the figure). The classpath is the one
 * Maven resolves for the library's runtime scope (see the pom's runtime-classpath execution).
 */
class ClientClasspathTest {

    private static final long MAX_BYTES = 30_000_000L;
    private static final List<String> FORBIDDEN = List.of("djl", "pytorch", "kafka_2.13", "kafka-server",
            "kafka-metadata", "kafka-raft", "scala-", "s3proxy", "jclouds", "engine", "local-stack", "pth-import",
            "quarkus");

    @Test
    void runtimeClasspathIsLean() throws IOException {
        List<Path> jars = Arrays.stream(Files.readString(Path.of("target", "runtime-classpath.txt")).trim()
                        .split(File.pathSeparator))
                .map(Path::of)
                .toList();
        assertThat(jars).isNotEmpty().allSatisfy(jar -> assertThat(jar).exists());
        for (Path jar : jars) {
            assertThat(FORBIDDEN).as("runtime dependency %s", name(jar)).noneMatch(name(jar)::contains);
        }
        long bytes = 0;
        for (Path jar : jars) {
            bytes += size(jar);
        }
        assertThat(bytes).as("bytes of the %d runtime jars", jars.size()).isLessThanOrEqualTo(MAX_BYTES);
        assertThat(jars).extracting(ClientClasspathTest::name)
                .anyMatch(name -> name.startsWith("kafka-clients-"))
                .anyMatch(name -> name.startsWith("minio-"))
                .anyMatch(name -> name.contains("common"));
    }

    /** A jar's file name; a module of this build that Maven resolved to its classes folder goes by its folder. */
    private static String name(Path entry) {
        return Files.isDirectory(entry) ? entry.getParent().getParent().getFileName().toString()
                : entry.getFileName().toString();
    }

    private static long size(Path entry) throws IOException {
        if (!Files.isDirectory(entry)) {
            return Files.size(entry);
        }
        try (Stream<Path> files = Files.walk(entry)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> file.toFile().length()).sum();
        }
    }
}
