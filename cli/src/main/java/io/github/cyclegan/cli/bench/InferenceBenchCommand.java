package io.github.cyclegan.cli.bench;

import ai.djl.ndarray.NDManager;
import io.github.cyclegan.cli.OptionNames;
import io.github.cyclegan.image.ChwImage;
import io.github.cyclegan.serving.GeneratorModel;
import io.github.cyclegan.localstack.FileTrees;
import io.github.cyclegan.localstack.LocalStack;
import io.github.cyclegan.localstack.LocalStackConfig;
import io.github.cyclegan.client.ClientSettings;
import io.github.cyclegan.client.CycleganClient;
import io.github.cyclegan.versions.GeneratorFile;
import io.github.cyclegan.weights.SafetensorsWriter;
import io.github.cyclegan.messaging.Direction;
import io.github.cyclegan.messaging.ModelArchitecture;
import io.github.cyclegan.messaging.TranslationResult;
import io.github.cyclegan.messaging.options.GeneratorArchitecture;
import io.github.cyclegan.messaging.options.NormType;
import io.github.cyclegan.model.GeneratorSpec;
import io.github.cyclegan.model.Networks;
import io.github.cyclegan.model.WeightFiles;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ./cyclegan bench inference}: end-to-end throughput and latency of one packaged inference worker (a child
 * JVM: a Quarkus application cannot run inside this one) on a local stack started here, against the same model's pure
 * inference time in this JVM, measured after the worker has stopped so that the two never share the cores.
 */
@Command(name = "inference", mixinStandardHelpOptions = true,
        description = "Start a local stack and the packaged inference worker, publish a random-weight generator "
                + "(ResNet-9, ngf 64 by default), send requests for one 256x256 image and print requests/s and "
                + "p50/p95/p99 end-to-end latency (publish to result consumed); then time the same model's pure "
                + "inference in this JVM and print the pipeline's overhead.")
final class InferenceBenchCommand implements Callable<Integer> {
    private static final String MODEL = "bench";
    private static final Duration RESULT_TIMEOUT = Duration.ofMinutes(30);

    @Spec
    CommandSpec spec;

    @Option(names = "--worker-jar", defaultValue = "${env:CYCLEGAN_HOME:-.}/inference-worker/target/quarkus-app/quarkus-run.jar",
            description = "The packaged inference worker (default: ${DEFAULT-VALUE}).")
    Path workerJar;

    @Option(names = "--data-dir", description = "Directory for the local stack's data and the worker's log, kept "
            + "afterwards (default: a fresh directory under target/, removed afterwards).")
    Path dataDir;

    @Option(names = "--requests", defaultValue = "64", description = "Timed requests (default: ${DEFAULT-VALUE}).")
    int requests;

    @Option(names = "--warmup", defaultValue = "4", description = "Untimed requests first; they also wait for the "
            + "worker's start and model load (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--rate", defaultValue = "0", description = "Requests per second, evenly spaced; 0 sends all at "
            + "once (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--size", defaultValue = "256", description = "Image height and width (default: ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--ngf", defaultValue = "64", description = "Generator filters (default: ${DEFAULT-VALUE}).")
    int ngf;

    @Option(names = "--net-g", defaultValue = "resnet_9blocks", paramLabel = "NAME",
            converter = OptionNames.Generators.class, completionCandidates = OptionNames.Generators.class,
            description = "Generator architecture: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    GeneratorArchitecture architecture;

    @Option(names = "--batch-size", defaultValue = "8", description = "The worker's max-batch-size, and the batch "
            + "size of the pure inference timing (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--inference-runs", defaultValue = "3", description = "Timed batches of the pure inference "
            + "timing, after one untimed (default: ${DEFAULT-VALUE}).")
    int inferenceRuns;

    @Override
    public Integer call() throws Exception {
        requirePositive(requests, "--requests");
        requirePositive(size, "--size");
        requirePositive(ngf, "--ngf");
        requirePositive(batchSize, "--batch-size");
        requirePositive(inferenceRuns, "--inference-runs");
        if (warmup < 0 || rate < 0) {
            throw new ParameterException(spec.commandLine(), "--warmup and --rate must not be negative");
        }
        if (!Files.isRegularFile(workerJar)) {
            throw new ParameterException(spec.commandLine(), "no inference worker at " + workerJar
                    + ": build it with mvn -DskipTests install (or pass --worker-jar)");
        }
        GeneratorSpec generator = GeneratorSpec.defaults()
                .withArchitecture(architecture).withNgf(ngf);
        PrintWriter out = spec.commandLine().getOut();
        out.printf("inference pipeline: %s, ngf %d, %dx%d px, random weights; worker max-batch-size %d; %d warm-up "
                + "and %d timed requests, %s%n", architecture.optionName(), ngf, size, size, batchSize, warmup,
                requests, rate > 0 ? rate + " requests/s" : "all at once");
        out.flush();

        boolean temporary = dataDir == null;
        Path dir = temporary ? Files.createTempDirectory(Files.createDirectories(Path.of("target")), "bench-inference-")
                : Files.createDirectories(dataDir);
        Pipeline pipeline;
        try {
            pipeline = runPipeline(dir, generator, out);
        } finally {
            if (temporary) {
                FileTrees.delete(dir);
            }
        }
        out.printf("pipeline: %.2f requests/s; latency p50 %.0f ms, p95 %.0f ms, p99 %.0f ms (max %.0f)%n",
                pipeline.throughput(), pipeline.percentile(50), pipeline.percentile(95), pipeline.percentile(99),
                pipeline.percentile(100));
        out.flush();

        Timings single;
        Timings batched;
        try (GeneratorModel model = GeneratorModel.randomlyInitialised(generator, 0)) {
            Random random = new Random(1);
            List<ChwImage> one = RandomImages.of(random, 1, generator.inputNc(), size);
            List<ChwImage> batch = RandomImages.of(random, batchSize, generator.inputNc(), size);
            single = Timings.measure(1, inferenceRuns, () -> model.translate(one));
            batched = Timings.measure(1, inferenceRuns, () -> model.translate(batch));
        }
        double perImage = single.medianMillis();
        double perImageBatched = batched.medianMillis() / batchSize;
        out.printf("pure inference (GeneratorModel, this JVM): batch 1 %.1f ms/image (%.2f images/s); batch %d "
                + "%.1f ms/image (%.2f images/s)%n", perImage, 1000 / perImage, batchSize, perImageBatched,
                1000 / perImageBatched);
        // The worker runs one forward pass per image (batch-invariant outputs), so batch 1 is what it pays.
        out.printf("pipeline overhead: %.1f %% (1 - pipeline throughput / batch-1 inference throughput); "
                + "%.1f %% against batch %d%n", 100 * (1 - pipeline.throughput() * perImage / 1000),
                100 * (1 - pipeline.throughput() * perImageBatched / 1000), batchSize);
        BenchEnvironment.print(out);
        out.println("load average: " + loadAverage());
        out.flush();
        return 0;
    }

    private record Pipeline(double throughput, double[] latenciesMillis) {
        /** Nearest-rank percentile; 100 is the maximum. */
        double percentile(int p) {
            int rank = (int) Math.ceil(p / 100.0 * latenciesMillis.length);
            return latenciesMillis[Math.max(0, rank - 1)];
        }
    }

    private Pipeline runPipeline(Path dir, GeneratorSpec generator, PrintWriter out) throws Exception {
        try (LocalStack stack = LocalStack.start(LocalStackConfig.ephemeral(dir.resolve("stack")));
                CycleganClient client = new CycleganClient(ClientSettings.fromEnvironment(stack.clientEnvironment())
                        .withTranslationTimeout(RESULT_TIMEOUT))) {
            String input = client.uploadInput(randomPng());
            publishModel(client, generator);
            Path log = dir.resolve("worker.log");
            Process worker = startWorker(stack, log);
            try {
                out.println("worker started (log: " + log + "); waiting for the warm-up requests ...");
                out.flush();
                List<CompletableFuture<Long>> warm = new ArrayList<>();
                for (int i = 0; i < warmup; i++) {
                    warm.add(arrival(client.translateStored(input, MODEL, Direction.A_TO_B, null, null)));
                }
                awaitAll(warm, worker);
                long[] sent = new long[requests];
                List<CompletableFuture<Long>> arrivals = new ArrayList<>();
                long start = System.nanoTime();
                for (int i = 0; i < requests; i++) {
                    if (rate > 0) {
                        long due = start + (long) (i * 1e9 / rate);
                        TimeUnit.NANOSECONDS.sleep(due - System.nanoTime());
                    }
                    sent[i] = System.nanoTime();
                    arrivals.add(arrival(client.translateStored(input, MODEL, Direction.A_TO_B, null, null)));
                }
                List<Long> arrived = awaitAll(arrivals, worker);
                double[] latencies = new double[requests];
                long last = 0;
                for (int i = 0; i < requests; i++) {
                    latencies[i] = (arrived.get(i) - sent[i]) / 1e6;
                    last = Math.max(last, arrived.get(i));
                }
                Arrays.sort(latencies);
                return new Pipeline(requests / ((last - sent[0]) / 1e9), latencies);
            } finally {
                worker.destroy();
                if (!worker.waitFor(60, TimeUnit.SECONDS)) {
                    worker.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                }
            }
        }
    }

    /** When the result arrived (System.nanoTime, taken on the client's results thread); an ERROR result fails it. */
    private static CompletableFuture<Long> arrival(CompletableFuture<TranslationResult> result) {
        return result.thenApply(r -> {
            long now = System.nanoTime();
            if (r.status() != TranslationResult.Status.OK) {
                throw new IllegalStateException("request " + r.requestId() + " failed: " + r.error().code() + ": "
                        + r.error().message());
            }
            return now;
        });
    }

    /** Every arrival time, in request order; fails as soon as one request fails or the worker dies. */
    private static List<Long> awaitAll(List<CompletableFuture<Long>> arrivals, Process worker)
            throws InterruptedException, ExecutionException {
        CompletableFuture<Void> all = CompletableFuture.allOf(arrivals.toArray(CompletableFuture[]::new));
        while (true) {
            try {
                all.get(1, TimeUnit.SECONDS);
                return arrivals.stream().map(CompletableFuture::join).toList();
            } catch (TimeoutException e) {
                if (!worker.isAlive()) {
                    throw new IllegalStateException("the inference worker exited with code " + worker.exitValue()
                            + "; see its log");
                }
            }
        }
    }

    private void publishModel(CycleganClient client, GeneratorSpec generator) {
        byte[] weights;
        try (NDManager manager = NDManager.newBaseManager()) {
            weights = SafetensorsWriter.toBytes(WeightFiles.tensors(Networks.generator(generator, manager, 0)),
                    Map.of());
        }
        client.publishVersion(MODEL, new ModelArchitecture(architecture, ngf, NormType.INSTANCE, generator.inputNc(),
                generator.outputNc(), false), Map.of(Direction.A_TO_B, new GeneratorFile.Upload(weights)));
    }

    private Process startWorker(LocalStack stack, Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                "-Djava.io.tmpdir=" + log.getParent().toAbsolutePath(), "-jar", workerJar.toString());
        Map<String, String> env = builder.environment();
        env.putAll(stack.clientEnvironment());
        env.put("QUARKUS_HTTP_PORT", "0");
        env.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
        env.put("CYCLEGAN_INFERENCE_MAX_BATCH_SIZE", String.valueOf(batchSize));
        env.put("CYCLEGAN_INFERENCE_PRELOAD_MODELS", MODEL);
        // This JVM's OMP_WAIT_POLICY, LD_PRELOAD and MALLOC_CONF (set by ./cyclegan) pass to the worker unchanged.
        env.putIfAbsent("OMP_WAIT_POLICY", "PASSIVE");
        env.put("DJL_OFFLINE", "true");
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        return builder.start();
    }

    /** Noise, so that PNG compression takes the time a photo's would rather than that of a flat image. */
    private byte[] randomPng() throws IOException {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(2);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                image.setRGB(x, y, random.nextInt(1 << 24));
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(image, "png", bytes);
        return bytes.toByteArray();
    }


    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }


    private void requirePositive(int value, String option) {
        if (value <= 0) {
            throw new ParameterException(spec.commandLine(), option + " must be positive, got " + value);
        }
    }
}
