package io.github.cyclegan.cli.bench;

import io.github.cyclegan.serving.EngineThreads;
import java.io.PrintWriter;

/** The lines every benchmark ends with, so that figures from different runs and machines can be compared. */
public final class BenchEnvironment {

    private BenchEnvironment() {}

    public static void print(PrintWriter out) {
        out.println("peak RSS: " + peakRss() + " (VmHWM of the whole JVM)");
        out.printf("intra-op threads: %d (inter-op %d, %d cores available)%n", EngineThreads.intraOp(),
                EngineThreads.interOp(), Runtime.getRuntime().availableProcessors());
        out.println("allocator: " + ProcessFacts.allocator());
        out.println("OMP_WAIT_POLICY: " + System.getenv().getOrDefault("OMP_WAIT_POLICY", "(unset)"));
    }

    /** Peak RSS so far in MiB, or "unknown" off Linux. */
    public static String peakRss() {
        return ProcessFacts.peakRssBytes().map(bytes -> (bytes >> 20) + " MiB").orElse("unknown");
    }
}
