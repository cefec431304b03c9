package io.github.cyclegan.cli.bench;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.github.cyclegan.messaging.options.GeneratorArchitecture;
import io.github.cyclegan.messaging.options.PreprocessMode;
import io.github.cyclegan.model.DiscriminatorSpec;
import io.github.cyclegan.model.GeneratorSpec;
import io.github.cyclegan.serving.EngineThreads;
import io.github.cyclegan.training.CycleGanOptions;
import io.github.cyclegan.training.CycleGanTrainer;
import io.github.cyclegan.training.ImagePool;
import io.github.cyclegan.training.ImageSet;
import io.github.cyclegan.training.LrScheduleOptions;
import io.github.cyclegan.training.PreprocessOptions;
import io.github.cyclegan.training.TrainingPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ./cyclegan bench checkpoint}: the Java heap one full training checkpoint takes to write. */
@Command(name = "checkpoint", mixinStandardHelpOptions = true,
        description = "Write one full training checkpoint of the reference's default model (resnet_9blocks G with ngf "
                + "64, basic D with ndf 64, random weights, both image pools full of 50 random 256 px images) to a "
                + "sink that counts the bytes and drops them (or to files in --out), as the training worker does; "
                + "print the bytes written, the Java heap's peak usage while writing (each heap pool's peak after a "
                + "reset; their sum is an upper bound), the bytes the writing thread allocated, the collections, "
                + "then the process facts. Run with CYCLEGAN_JAVA_OPTS=-Xmx... to see the smallest heap that works.")
final class CheckpointBenchCommand implements Callable<Integer> {

    private static final long MIB = 1L << 20;

    @Spec
    CommandSpec spec;

    @Option(names = "--out", description = "Write the files into this folder instead of dropping them.")
    Path out;

    @Option(names = "--resume", description = "Then read the checkpoint back from --out into a fresh model, as a "
            + "resumed job does, and print the heap figures of that too.")
    boolean resume;

    @Option(names = "--threads", description = "libtorch intra-op threads (default: the engine's choice).")
    Integer threads;

    @Option(names = "--size", defaultValue = "256", hidden = true, description = "Side of the pooled images (tests).")
    int size;

    @Option(names = "--ngf", defaultValue = "64", hidden = true, description = "Generator filters (tests).")
    int ngf;

    @Option(names = "--ndf", defaultValue = "64", hidden = true, description = "Discriminator filters (tests).")
    int ndf;

    @Option(names = "--pool", defaultValue = "50", hidden = true, description = "Image pool size (tests).")
    int poolSize;

    @Override
    public Integer call() throws IOException {
        if (size < 8 || size % 4 != 0 || ngf < 1 || ndf < 1 || poolSize < 0) {
            throw new ParameterException(spec.commandLine(), "--size must be a multiple of 4 from 8, --ngf and --ndf "
                    + "positive, --pool not negative");
        }
        if (resume && out == null) {
            throw new ParameterException(spec.commandLine(), "--resume reads the checkpoint back from --out; give --out");
        }
        if (threads != null) {
            EngineThreads.setIntraOp(threads);
        }
        if (out != null) {
            Files.createDirectories(out);
        }
        PrintWriter printer = spec.commandLine().getOut();
        CycleGanOptions options = CycleGanOptions.defaults().withPoolSize(poolSize).withNetworks(
                GeneratorSpec.defaults().withArchitecture(GeneratorArchitecture.RESNET_9BLOCKS).withNgf(ngf),
                DiscriminatorSpec.defaults().withNdf(ndf));
        TrainingPlan plan = new TrainingPlan(options, new PreprocessOptions(PreprocessMode.NONE, size, size, true, 3),
                LrScheduleOptions.defaults(), 1, false, 0, 0);
        printer.printf("checkpoint: resnet_9blocks ngf %d, basic D ndf %d, random weights, pools of %d random %d px "
                + "images each, to %s%n", ngf, ndf, poolSize, size, out == null ? "a counting sink" : out);
        printer.flush();
        try (NDManager manager = NDManager.newBaseManager();
                CycleGanTrainer trainer = new CycleGanTrainer(plan, new OneImage(size), new OneImage(size), manager)) {
            fill(trainer.model().fakeAPool(), manager);
            fill(trainer.model().fakeBPool(), manager);
            CountingSink sink = new CountingSink(out);
            long started = System.nanoTime();
            HeapWatch watch = HeapWatch.start();
            write(trainer, sink);
            HeapWatch.Report heap = watch.stop();
            double seconds = (System.nanoTime() - started) / 1e9;
            printer.printf("wrote %d files, %d bytes (%.1f MiB) in %.1f s%n", sink.files, sink.bytes,
                    sink.bytes / (double) MIB, seconds);
            print(printer, "writing", heap);
            if (resume) {
                printer.flush();
                try (CycleGanTrainer fresh = new CycleGanTrainer(plan, new OneImage(size), new OneImage(size), manager)) {
                    started = System.nanoTime();
                    watch = HeapWatch.start();
                    read(fresh, out);
                    heap = watch.stop();
                    printer.printf("read it back into a fresh model in %.1f s (iteration %d)%n",
                            (System.nanoTime() - started) / 1e9, fresh.iteration());
                    print(printer, "reading", heap);
                }
            }
        }
        BenchEnvironment.print(printer);
        printer.flush();
        return 0;
    }

    /** The work measured: one full checkpoint of the trainer, file by file, into the sink. */
    private static void write(CycleGanTrainer trainer, CountingSink sink) throws IOException {
        trainer.checkpoint().writeTo(file -> {
            try (InputStream in = file.open()) {
                sink.accept(file.name(), in);
            }
        });
    }

    private static void print(PrintWriter printer, String work, HeapWatch.Report heap) {
        printer.printf("heap in use before %s: %d MiB (after a full GC); max heap %d MiB%n", work,
                heap.usedBeforeBytes() / MIB, heap.maxHeapBytes() / MIB);
        printer.printf("peak heap while %s: %d MiB (sum of the heap pools' peaks: %s)%n", work, heap.peakBytes() / MIB,
                heap.peakBytesByPool().entrySet().stream().map(e -> e.getKey() + " " + e.getValue() / MIB + " MiB")
                        .collect(Collectors.joining(", ")));
        printer.printf("allocated by the %s thread: %d MiB%n", work, heap.allocatedBytes() / MIB);
        printer.printf("collections while %s: %d (%s), %d ms%n", work, heap.collections(),
                heap.collectionsByCollector().entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                        .collect(Collectors.joining(", ")), heap.collectionMillis());
    }

    /** The other half: a resume from the checkpoint's folder, file by file. */
    private static void read(CycleGanTrainer trainer, Path folder) throws IOException {
        trainer.resume(name -> Files.newInputStream(folder.resolve(name)));
    }

    /** Fills the pool as the first iterations of a run do, with random images. */
    private void fill(ImagePool pool, NDManager manager) {
        try (NDManager scope = manager.newSubManager()) {
            NDArray images = scope.randomUniform(-1, 1, new Shape(Math.max(poolSize, 1), 3, size, size));
            pool.query(images).close();
        }
    }

    /** Counts what it is given and drops it, or writes it to files. */
    private static final class CountingSink {
        private final Path folder;
        private final byte[] buffer = new byte[1 << 16];
        long files;
        long bytes;

        CountingSink(Path folder) {
            this.folder = folder;
        }

        void accept(String name, InputStream content) throws IOException {
            files++;
            if (folder != null) {
                bytes += Files.copy(content, folder.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                return;
            }
            for (int n; (n = content.read(buffer)) >= 0; ) {
                bytes += n;
            }
        }
    }

    /** A domain of one grey image: the trainer needs image sets, the benchmark trains nothing. */
    private record OneImage(int size) implements ImageSet {
        @Override
        public int size() {
            return 1;
        }

        @Override
        public BufferedImage load(int index) {
            return new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        }
    }
}
