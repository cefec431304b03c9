package io.github.cyclegan.cli.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.github.cyclegan.cli.ProgressLine;
import io.github.cyclegan.client.CycleganClient;
import io.github.cyclegan.evaluation.ImageTranslation;
import io.github.cyclegan.image.ChwImage;
import io.github.cyclegan.image.ImageDecodeOptions;
import io.github.cyclegan.image.ImageDecoder;
import io.github.cyclegan.image.ImageEncoder;
import io.github.cyclegan.image.ImageTensors;
import io.github.cyclegan.messaging.Direction;
import io.github.cyclegan.messaging.TranslationResult;

/**
 * A translation served by the running system: each image goes to S3, a request to Kafka, and the
 * inference worker's output comes back through its presigned URL. The evaluator then measures what
 * a user of the system gets, not what the trainer holds in memory.
 */
final class RemoteTranslation implements ImageTranslation {

    private static final ImageDecoder DECODER = new ImageDecoder(ImageDecodeOptions.defaults());

    private final CycleganClient client;
    private final String model;
    private final Direction direction;
    private final long version;
    private final int outputChannels;
    private final Counter counter;
    private final List<String> urls = new ArrayList<>();

    /** Requests sent by all translations of one evaluation, for one progress line. */
    static final class Counter {
        private final ProgressLine progress;
        private final int total;
        private int done;

        Counter(ProgressLine progress, int total) {
            this.progress = progress;
            this.total = total;
        }

        void increment() {
            done++;
            progress.status("translating through Kafka " + ProgressLine.bar(done, total) + " " + done + "/" + total);
        }
    }

    RemoteTranslation(CycleganClient client, String model, Direction direction, long version, int outputChannels,
            Counter counter) {
        this.client = client;
        this.model = model;
        this.direction = direction;
        this.version = version;
        this.outputChannels = outputChannels;
        this.counter = counter;
    }

    @Override
    public ChwImage apply(ChwImage image) {
        TranslationResult result = await(client.translate(ImageEncoder.png(ImageTensors.toImage(image)), model, direction,
                version, null));
        if (result.status() != TranslationResult.Status.OK) {
            throw new IllegalStateException("request " + result.requestId() + " (" + direction + ") failed: "
                    + result.error().code() + ": " + result.error().message());
        }
        urls.add(result.url());
        counter.increment();
        return ImageTensors.toChw(DECODER.decode(client.download(result)).image(), outputChannels);
    }

    /** The presigned URLs of the outputs, in request order. */
    List<String> urls() {
        return urls;
    }

    private TranslationResult await(CompletableFuture<TranslationResult> future) {
        try {
            return future.get(client.settings().translationTimeout().toMillis() + 1_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a translation", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("no translation result for a " + direction + " request of model " + model
                    + ": " + (e.getCause() == null ? e : e.getCause()), e);
        }
    }
}
