package io.github.cyclegan.cli.bench;

import io.github.cyclegan.serving.EngineThreads;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The lines every benchmark ends with, so that figures from different runs and machines can be compared. */
public final class BenchEnvironment {

    /** The SIMD extensions libtorch's CPU kernels choose between, as /proc/cpuinfo names them. */
    private static final List<String> SIMD_FLAGS = List.of("sse4_2", "avx", "avx2", "fma", "f16c", "avx512f",
            "avx512_bf16", "avx512_vnni", "amx_bf16", "amx_tile", "asimd", "sve");

    private BenchEnvironment() {}

    public static void print(PrintWriter out) {
        out.println("peak RSS: " + peakRss() + " (VmHWM of the whole JVM)");
        out.printf("intra-op threads: %d (inter-op %d, %d cores available)%n", EngineThreads.intraOp(),
                EngineThreads.interOp(), Runtime.getRuntime().availableProcessors());
        out.println("allocator: " + ProcessFacts.allocator());
        out.println("OMP_WAIT_POLICY: " + System.getenv().getOrDefault("OMP_WAIT_POLICY", "(unset)"));
        out.println("CPU: " + cpu());
    }

    /**
     * The processor as {@code /proc/cpuinfo} names it and the SIMD flags that decide libtorch's kernels, e.g.
     * {@code AMD EPYC 7B13; flags sse4_2 avx avx2 fma f16c (no avx512f)}; "unknown" off Linux.
     */
    public static String cpu() {
        List<String> lines;
        try (Stream<String> cpuinfo = Files.lines(Path.of("/proc/cpuinfo"))) {
            lines = cpuinfo.toList();
        } catch (IOException | UncheckedIOException e) {
            return "unknown (no /proc/cpuinfo)";
        }
        String model = field(lines, "model name").or(() -> field(lines, "CPU part")).orElse("unknown model");
        Set<String> flags = field(lines, "flags").or(() -> field(lines, "Features"))
                .map(value -> Arrays.stream(value.trim().split("\\s+")).collect(Collectors.toSet())).orElse(Set.of());
        String present = SIMD_FLAGS.stream().filter(flags::contains).collect(Collectors.joining(" "));
        return model + "; flags " + (present.isEmpty() ? "(none of " + SIMD_FLAGS + ")" : present)
                + (flags.contains("avx2") && !flags.contains("avx512f") ? " (no avx512f)" : "");
    }

    private static Optional<String> field(List<String> cpuinfo, String name) {
        return cpuinfo.stream().filter(line -> line.startsWith(name))
                .map(line -> line.substring(line.indexOf(':') + 1).trim()).findFirst();
    }

    /** Peak RSS so far in MiB, or "unknown" off Linux. */
    public static String peakRss() {
        return ProcessFacts.peakRssBytes().map(bytes -> (bytes >> 20) + " MiB").orElse("unknown");
    }
}
