package io.github.cyclegan.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The checkout under test (surefire passes its root and the Maven version). */
final class Repo {

    static final Path ROOT = Path.of(System.getProperty("cyclegan.repo.root", "..")).toAbsolutePath().normalize();
    static final String VERSION = System.getProperty("cyclegan.project.version");

    private Repo() {}

    static Path path(String relative) {
        Path path = ROOT.resolve(relative).normalize();
        if (!Files.isRegularFile(path)) {
            throw new AssertionError(relative + " does not exist in " + ROOT);
        }
        return path;
    }

    static String read(String relative) {
        try {
            return Files.readString(path(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
