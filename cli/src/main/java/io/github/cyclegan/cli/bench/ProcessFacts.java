package io.github.cyclegan.cli.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/** What Linux reports about this JVM process: peak resident memory and the malloc implementation loaded. */
public final class ProcessFacts {

    private static final Path STATUS = Path.of("/proc/self/status");
    private static final Path MAPS = Path.of("/proc/self/maps");
    private static final List<String> ALLOCATORS = List.of("jemalloc", "tcmalloc", "mimalloc");

    private ProcessFacts() {}

    /** VmHWM, the peak resident set size of the whole process (heap, native libtorch memory, code), if known. */
    public static Optional<Long> peakRssBytes() {
        try (Stream<String> lines = Files.lines(STATUS)) {
            return lines.filter(line -> line.startsWith("VmHWM:"))
                    .findFirst()
                    .map(line -> Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024);
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty();
        }
    }

    /**
     * The allocator mapped into the process: jemalloc and the like arrive through {@code LD_PRELOAD}, and their
     * library then shows in the memory map; otherwise it is glibc's malloc.
     */
    public static String allocator() {
        try (Stream<String> lines = Files.lines(MAPS)) {
            return lines.map(line -> line.substring(line.lastIndexOf(' ') + 1))
                    .flatMap(path -> allocatorIn(path).map(name -> name + " (" + path + ")").stream())
                    .findFirst()
                    .orElse("glibc malloc");
        } catch (IOException | UncheckedIOException e) {
            return "unknown (no /proc/self/maps)";
        }
    }

    private static Optional<String> allocatorIn(String path) {
        String file = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        return ALLOCATORS.stream().filter(file::contains).findFirst();
    }
}
