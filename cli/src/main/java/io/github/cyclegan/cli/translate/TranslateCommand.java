package io.github.cyclegan.cli.translate;

import io.github.cyclegan.cli.ConnectionOptions;
import io.github.cyclegan.cli.DirectionConverter;
import io.github.cyclegan.cli.HelpOption;
import io.github.cyclegan.cli.FriendlyErrors;
import io.github.cyclegan.cli.ProgressLine;
import io.github.cyclegan.client.CycleganClient;
import io.github.cyclegan.versions.VersionNotFoundException;
import io.github.cyclegan.messaging.Direction;
import io.github.cyclegan.messaging.OutputOptions;
import io.github.cyclegan.messaging.TranslationResult;
import io.github.cyclegan.training.FolderImageSet;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ./cyclegan translate}: images through the inference workers, outputs into a folder. */
@Command(name = "translate", sortOptions = false,
        description = {"Translate images with a served model: each is uploaded, translated by an inference worker and "
                + "its output downloaded into --out as NAME.png (or .jpg), NAME being the input's file name without "
                + "its extension.",
            "Prints a summary with the error code and message of each failure; exit code 1 when any failed."})
public final class TranslateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    HelpOption help;

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--model", required = true, paramLabel = "NAME", description = "The model (see ./cyclegan models).")
    String model;

    @Option(names = "--direction", defaultValue = "AtoB", paramLabel = "AtoB|BtoA", converter = DirectionConverter.class,
            description = "AtoB (default) or BtoA.")
    Direction direction;

    @Option(names = "--version", paramLabel = "V", description = "Pin a model version (default: the latest).")
    Long version;

    @Option(names = "--out", defaultValue = "translated", paramLabel = "DIR",
            description = "Folder for the outputs, created when missing (default: ./${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--format", defaultValue = "png", paramLabel = "png|jpeg", description = "Output format "
            + "(default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--quality", paramLabel = "1-100", description = "JPEG quality (default 90).")
    Integer quality;

    @Option(names = "--concurrency", defaultValue = "4", paramLabel = "N", description = "Images in flight at once "
            + "(default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--timeout", defaultValue = "120", paramLabel = "SECONDS", description = "Longest wait for one "
            + "image's result; the first one includes loading the model (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Parameters(arity = "1..*", paramLabel = "FILE|DIR", description = "Images, or folders whose image files "
            + "(jpg, jpeg, png, ppm, bmp, tif, tiff, webp) are all translated.")
    List<Path> inputs;

    /** One input's fate: its output file, or why there is none. */
    private record Outcome(Path input, Path output, TranslationResult result, String failure) {
    }

    @Override
    public Integer call() throws Exception {
        if (concurrency < 1 || timeoutSeconds < 1) {
            throw new ParameterException(spec.commandLine(), "--concurrency and --timeout must be positive");
        }
        OutputOptions output;
        try {
            output = new OutputOptions(format, quality);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage().replace("TranslationRequest.output.", "--"));
        }
        Map<Path, Path> targets = targets(files(), output);
        Files.createDirectories(out);
        PrintWriter stdout = spec.commandLine().getOut();
        List<Outcome> outcomes;
        try (CycleganClient client = connection.connect(s -> s.withTranslationTimeout(
                Duration.ofSeconds(timeoutSeconds)))) {
            if (!client.modelExists(model)) {
                throw new VersionNotFoundException("no model named " + model);
            }
            outcomes = translateAll(client, targets, output, ProgressLine.of(stdout));
        }
        List<Outcome> failed = outcomes.stream().filter(o -> o.failure() != null).toList();
        stdout.printf("translated %d of %d images into %s (ok %d, failed %d)%n", outcomes.size() - failed.size(),
                outcomes.size(), out, outcomes.size() - failed.size(), failed.size());
        failed.forEach(o -> stdout.println("  failed " + o.input() + ": " + o.failure()));
        stdout.flush();
        return failed.isEmpty() ? 0 : FriendlyErrors.EXIT_FAILURE;
    }

    /** At most {@code concurrency} images in flight; downloads run on a pool of their own, off the results thread. */
    private List<Outcome> translateAll(CycleganClient client, Map<Path, Path> targets, OutputOptions output,
            ProgressLine progress) throws IOException, InterruptedException {
        Semaphore slots = new Semaphore(concurrency);
        ExecutorService downloads = Executors.newFixedThreadPool(concurrency);
        int[] counts = new int[2];
        try {
            List<CompletableFuture<Outcome>> pending = new ArrayList<>();
            for (Map.Entry<Path, Path> target : targets.entrySet()) {
                slots.acquire();
                byte[] image = Files.readAllBytes(target.getKey());
                pending.add(client.translate(image, model, direction, version, output)
                        .handleAsync((result, error) -> finish(client, target.getKey(), target.getValue(), result,
                                error), downloads)
                        .whenComplete((outcome, error) -> {
                            slots.release();
                            synchronized (counts) {
                                counts[outcome.failure() == null ? 0 : 1]++;
                                show(progress, outcome, counts, targets.size());
                            }
                        }));
            }
            return pending.stream().map(CompletableFuture::join).toList();
        } finally {
            downloads.shutdownNow();
        }
    }

    private Outcome finish(CycleganClient client, Path input, Path target, TranslationResult result, Throwable error) {
        if (error != null) {
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            return new Outcome(input, null, null, cause instanceof TimeoutException
                    ? "TIMEOUT: no result within " + timeoutSeconds + " s (is an inference worker running?)"
                    : "CLIENT: " + cause.getMessage());
        }
        if (result.status() == TranslationResult.Status.ERROR) {
            return new Outcome(input, null, result, result.error().code() + ": " + result.error().message());
        }
        try {
            Files.write(target, client.download(result));
            return new Outcome(input, target, result, null);
        } catch (IOException | RuntimeException e) {
            return new Outcome(input, null, result, "DOWNLOAD: " + e.getMessage());
        }
    }

    private static void show(ProgressLine progress, Outcome outcome, int[] counts, int total) {
        if (outcome.failure() == null) {
            progress.println("ok     " + outcome.input() + " -> " + outcome.output() + " (" + outcome.result().width()
                    + "x" + outcome.result().height() + ", version " + outcome.result().version() + ")");
        } else {
            progress.println("failed " + outcome.input() + ": " + outcome.failure());
        }
        int done = counts[0] + counts[1];
        if (done < total) {
            progress.status(ProgressLine.bar(done, total) + " " + done + "/" + total + "  ok " + counts[0]
                    + "  failed " + counts[1]);
        }
    }

    /** The inputs as files: folders expand to their image files, by name. */
    private List<Path> files() throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path input : inputs) {
            if (Files.isDirectory(input)) {
                try (Stream<Path> listing = Files.list(input)) {
                    List<Path> images = listing.filter(Files::isRegularFile).filter(FolderImageSet::isImageName)
                            .sorted().toList();
                    if (images.isEmpty()) {
                        throw new ParameterException(spec.commandLine(), input + " has no image files");
                    }
                    files.addAll(images);
                }
            } else if (Files.isRegularFile(input)) {
                files.add(input);
            } else {
                throw new ParameterException(spec.commandLine(), "no file or folder " + input);
            }
        }
        return files;
    }

    /** Input to output file; two inputs with the same name would overwrite each other's output, so that is refused. */
    private Map<Path, Path> targets(List<Path> files, OutputOptions output) {
        Map<Path, Path> targets = new LinkedHashMap<>();
        Map<Path, Path> sources = new LinkedHashMap<>();
        for (Path file : files) {
            String name = file.getFileName().toString();
            int dot = name.lastIndexOf('.');
            Path target = out.resolve((dot > 0 ? name.substring(0, dot) : name) + "." + output.fileExtension());
            Path other = sources.putIfAbsent(target, file);
            if (other != null && !other.equals(file)) {
                throw new ParameterException(spec.commandLine(), other + " and " + file + " would both be written to "
                        + target + "; translate them separately, with different --out folders");
            }
            targets.put(file, target);
        }
        return targets;
    }
}
