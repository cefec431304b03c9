package io.github.cyclegan.inferenceworker.pipeline;

import io.github.cyclegan.image.ChwImage;
import io.github.cyclegan.serving.EngineThreads;
import io.github.cyclegan.serving.GeneratorModel;
import io.github.cyclegan.inferenceworker.batching.BatchKey;
import io.github.cyclegan.inferenceworker.batching.MicroBatcher;
import io.github.cyclegan.inferenceworker.batching.Translator;
import io.github.cyclegan.inferenceworker.config.ServingConfig;
import io.github.cyclegan.inferenceworker.faults.Watchdog;
import io.github.cyclegan.inferenceworker.metrics.WorkerMetrics;
import io.github.cyclegan.inferenceworker.models.ModelKey;
import io.github.cyclegan.inferenceworker.models.ModelLease;
import io.github.cyclegan.inferenceworker.tiling.Tile;
import io.github.cyclegan.inferenceworker.tiling.TileBlender;
import io.github.cyclegan.inferenceworker.tiling.TilePlan;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import jakarta.annotation.PostConstruct;

/**
 * Translates images through the micro-batcher, in tiles when they exceed the pixel budget. One inference thread:
 * libtorch already spreads each forward pass over all cores (EngineThreads), so parallel batches would only compete.
 */
@ApplicationScoped
public class InferenceEngine {

    @Inject
    ServingConfig config;
    @Inject
    WorkerMetrics metrics;
    @Inject
    Watchdog watchdog;

    private ExecutorService inferenceThread;
    private MicroBatcher batcher;

    @PostConstruct
    void start() {
        if (config.threads() > 0) {
            EngineThreads.setIntraOp(config.threads());
        }
        inferenceThread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "inference");
            t.setDaemon(true);
            return t;
        });
        batcher = new MicroBatcher(config.maxBatchSize(), config.maxBatchWait(), inferenceThread, metrics::batch);
    }

    /** The translation of {@code image} with the leased generator; completes on the inference thread. */
    public CompletableFuture<ChwImage> translate(ModelLease lease, ChwImage image) {
        if ((long) image.height() * image.width() <= config.maxPixels()) {
            return batcher.submit(key(lease.key(), image), translator(lease), image);
        }
        TilePlan plan = TilePlan.of(image.height(), image.width(), config.maxPixels(), config.tileOverlap());
        List<Tile> tiles = plan.tiles();
        List<CompletableFuture<ChwImage>> outputs = tiles.stream().map(tile -> {
            ChwImage crop = TilePlan.crop(image, tile);
            return batcher.submit(key(lease.key(), crop), translator(lease), crop);
        }).toList();
        return CompletableFuture.allOf(outputs.toArray(CompletableFuture[]::new)).thenApply(done -> {
            TileBlender blender = new TileBlender(plan, lease.model().spec().outputNc());
            for (int i = 0; i < tiles.size(); i++) {
                blender.add(tiles.get(i), outputs.get(i).join());
            }
            return blender.result();
        });
    }

    /**
     * With {@code batch-invariant} each image of a batch gets its own forward pass: libtorch picks kernels by batch
     * size, and a batch of one differs from a larger batch by about 1e-6, enough to flip the 8-bit rounding of some
     * pixels. A redelivered request may share its batch with other requests than the first time, so only
     * per-image passes make its output object byte-identical. The batch still shares one trip to the inference
     * thread and one lease check; what it gives up is the forward pass over the stacked images.
     */
    private Translator translator(ModelLease lease) {
        GeneratorModel model = lease.model();
        String subject = lease.key().toString();
        if (!config.batchInvariant()) {
            return images -> {
                try (Watchdog.Activity pass = watchdog.start(subject, "forward pass of " + images.size())) {
                    return model.translate(images);
                }
            };
        }
        return images -> images.stream().map(image -> {
            try (Watchdog.Activity pass = watchdog.start(subject, "forward pass")) {
                return model.translate(image);
            }
        }).toList();
    }

    private static BatchKey key(ModelKey model, ChwImage image) {
        return new BatchKey(model.model(), model.version(), model.direction(), image.height(), image.width());
    }

    /** After the request drain (priority 10) and before the model cache closes generators (priority 3000). */
    void stop(@Observes @Priority(2000) ShutdownEvent event) throws InterruptedException {
        batcher.close();
        inferenceThread.shutdown();
        inferenceThread.awaitTermination(30, TimeUnit.SECONDS);
    }
}
