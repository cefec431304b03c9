package io.github.cyclegan.inferenceworker.batching;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cyclegan.image.ChwImage;
import io.github.cyclegan.messaging.Direction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MicroBatcherTest {
    private final ExecutorService executor = Executors.newSingleThreadExecutor();
    private final List<Integer> batchSizes = new CopyOnWriteArrayList<>();
    private final List<List<ChwImage>> calls = new CopyOnWriteArrayList<>();
    private final Translator negate = images -> {
        calls.add(images);
        return images.stream().map(MicroBatcherTest::negated).toList();
    };

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    void groupsBySizeAndGeneratorUpToTheMaximumAndKeepsOrder() throws Exception {
        try (MicroBatcher batcher = new MicroBatcher(4, Duration.ofMillis(200), executor, batchSizes::add)) {
            List<CompletableFuture<ChwImage>> futures = new ArrayList<>();
            List<ChwImage> inputs = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                ChwImage image = image(8, 8, i);
                inputs.add(image);
                futures.add(batcher.submit(new BatchKey("m", 1, Direction.A_TO_B, 8, 8), negate, image));
            }
            ChwImage other = image(8, 9, 9);
            CompletableFuture<ChwImage> otherSize = batcher.submit(new BatchKey("m", 1, Direction.A_TO_B, 8, 9),
                    negate, other);

            for (int i = 0; i < 6; i++) {
                assertThat(futures.get(i).get(5, TimeUnit.SECONDS).data()).containsExactly(negated(inputs.get(i)).data());
            }
            assertThat(otherSize.get(5, TimeUnit.SECONDS).width()).isEqualTo(9);
        }
        assertThat(batchSizes).containsExactlyInAnyOrder(4, 2, 1);
        assertThat(calls).allSatisfy(batch -> assertThat(batch).allMatch(i -> i.sameSize(batch.get(0))));
    }

    @Test
    void aLoneRequestRunsAfterTheMaximumWait() throws Exception {
        try (MicroBatcher batcher = new MicroBatcher(8, Duration.ofMillis(50), executor, batchSizes::add)) {
            long start = System.nanoTime();
            batcher.submit(new BatchKey("m", 1, Direction.A_TO_B, 4, 4), negate, image(4, 4, 1)).get(5, TimeUnit.SECONDS);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(40), Duration.ofSeconds(3));
        }
        assertThat(batchSizes).containsExactly(1);
    }

    @Test
    void aFailingBatchFailsEachOfItsRequestsAndCloseRunsWhatIsQueued() {
        Translator broken = images -> {
            throw new IllegalStateException("boom");
        };
        CompletableFuture<ChwImage> failed;
        CompletableFuture<ChwImage> queued;
        try (MicroBatcher batcher = new MicroBatcher(8, Duration.ofSeconds(30), executor, batchSizes::add)) {
            failed = batcher.submit(new BatchKey("x", 1, Direction.A_TO_B, 4, 4), broken, image(4, 4, 1));
            queued = batcher.submit(new BatchKey("y", 1, Direction.A_TO_B, 4, 4), negate, image(4, 4, 2));
        }
        assertThat(failed).failsWithin(Duration.ofSeconds(5));
        assertThat(queued).succeedsWithin(Duration.ofSeconds(5));
    }

    private static ChwImage image(int h, int w, float value) {
        float[] data = new float[3 * h * w];
        java.util.Arrays.fill(data, value / 10f);
        return new ChwImage(3, h, w, data);
    }

    private static ChwImage negated(ChwImage image) {
        float[] data = image.data().clone();
        for (int i = 0; i < data.length; i++) {
            data[i] = -data[i];
        }
        return new ChwImage(image.channels(), image.height(), image.width(), data);
    }
}
