package io.github.cyclegan.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ImagePoolTest {
    private static final Shape IMAGE = new Shape(1, 2, 2);
    private static NDManager root;

    @BeforeAll
    static void openManager() {
        root = NDManager.newBaseManager();
    }

    @AfterAll
    static void closeManager() {
        root.close();
    }

    /** A 1×C×H×W batch whose every value is {@code id}, so an output identifies its source. */
    private static NDArray batchOf(NDManager manager, float... ids) {
        float[] data = new float[ids.length * (int) IMAGE.size()];
        for (int i = 0; i < data.length; i++) {
            data[i] = ids[i / (int) IMAGE.size()];
        }
        return manager.create(data, new Shape(ids.length, IMAGE.get(0), IMAGE.get(1), IMAGE.get(2)));
    }

    private static float[] ids(NDArray batch) {
        float[] values = batch.toFloatArray();
        int per = (int) IMAGE.size();
        float[] ids = new float[values.length / per];
        for (int i = 0; i < ids.length; i++) {
            for (int j = 0; j < per; j++) {
                assertThat(values[i * per + j]).isEqualTo(values[i * per]);
            }
            ids[i] = values[i * per];
        }
        return ids;
    }

    /** Queries one image at a time with ids from..to-1 and returns the ids that came back. */
    private static List<Float> run(ImagePool pool, int from, int to) {
        List<Float> out = new ArrayList<>();
        for (int id = from; id < to; id++) {
            try (NDManager step = root.newSubManager()) {
                out.add(ids(pool.query(batchOf(step, id)))[0]);
            }
        }
        return out;
    }

    @Test
    void fillsFirstAndThenSwapsAboutHalfTheTimeWithImagesItStored() {
        try (ImagePool pool = new ImagePool(50, 7, root)) {
            List<Float> firstFifty = run(pool, 0, 50);
            for (int id = 0; id < 50; id++) {
                assertThat(firstFifty.get(id)).isEqualTo((float) id);
            }
            assertThat(pool.storedCount()).isEqualTo(50);

            Set<Float> model = new HashSet<>(firstFifty);
            int swaps = 0;
            List<Float> later = run(pool, 50, 2050);
            for (int k = 0; k < later.size(); k++) {
                float fresh = 50 + k;
                float got = later.get(k);
                if (got != fresh) {
                    swaps++;
                    assertThat(model.remove(got)).as("returned %s must have been in the pool", got).isTrue();
                    model.add(fresh);
                }
            }
            assertThat(swaps).isBetween(800, 1200);
            Set<Float> stored = new HashSet<>();
            pool.state().images().forEach(image -> stored.add(image.data()[0]));
            assertThat(stored).isEqualTo(model);
        }
    }

    @Test
    void processesEachImageOfABatch() {
        try (ImagePool pool = new ImagePool(3, 1, root); NDManager step = root.newSubManager()) {
            NDArray out = pool.query(batchOf(step, 10, 11, 12, 13, 14, 15, 16, 17));
            assertThat(out.getShape()).isEqualTo(new Shape(8, 1, 2, 2));
            float[] got = ids(out);
            assertThat(got).startsWith(10, 11, 12);
            for (int i = 3; i < got.length; i++) {
                assertThat(got[i]).isIn((float) (10 + i), 10f, 11f, 12f, 13f, 14f, 15f, 16f);
            }
        }
    }

    @Test
    void sameSeedGivesTheSameSequenceAndAnotherSeedDoesNot() {
        try (ImagePool a = new ImagePool(5, 42, root); ImagePool b = new ImagePool(5, 42, root);
             ImagePool c = new ImagePool(5, 43, root)) {
            List<Float> first = run(a, 0, 200);
            assertThat(run(b, 0, 200)).isEqualTo(first);
            assertThat(run(c, 0, 200)).isNotEqualTo(first);
        }
    }

    @Test
    void restoredPoolContinuesExactlyLikeTheUninterruptedOne() {
        List<Float> uninterrupted;
        try (ImagePool pool = new ImagePool(5, 3, root)) {
            uninterrupted = run(pool, 0, 300);
        }
        List<Float> resumed;
        ImagePoolState saved;
        try (ImagePool pool = new ImagePool(5, 3, root)) {
            resumed = new ArrayList<>(run(pool, 0, 120));
            saved = pool.state();
        }
        try (ImagePool pool = new ImagePool(5, 999, root)) {
            run(pool, 1000, 1010); // stale contents that restore must replace
            pool.restore(saved);
            resumed.addAll(run(pool, 120, 300));
        }
        assertThat(resumed).isEqualTo(uninterrupted);
    }

    @Test
    void ownsExactlyItsStoredImagesAndLeaksNothing() {
        try (NDManager parent = root.newSubManager(); NDManager step = root.newSubManager()) {
            ImagePool pool = new ImagePool(4, 5, parent);
            for (int i = 0; i < 100; i++) {
                try (NDArray in = batchOf(step, i, i + 0.5f); NDArray out = pool.query(in)) {
                    assertThat(out.getShape()).isEqualTo(new Shape(2, 1, 2, 2));
                }
                assertThat(step.getManagedArrays()).isEmpty();
            }
            assertThat(parent.getManagedArrays()).hasSize(4);
            pool.close();
            assertThat(parent.getManagedArrays()).isEmpty();
        }
    }

    @Test
    void storedImagesAreDetachedCopies() {
        try (ImagePool pool = new ImagePool(2, 5, root); NDManager step = root.newSubManager()) {
            NDArray in = batchOf(step, 1);
            in.setRequiresGradient(true);
            NDArray out = pool.query(in);
            assertThat(out.hasGradient()).isFalse();
            in.setRequiresGradient(false);
            in.subi(100);
            assertThat(pool.state().images().get(0).data()).containsOnly(1f);
        }
    }

    @Test
    void sizeZeroReturnsTheInputValues() {
        try (ImagePool pool = new ImagePool(0, 5, root); NDManager step = root.newSubManager()) {
            assertThat(ids(pool.query(batchOf(step, 4, 5)))).containsExactly(4, 5);
            assertThat(pool.storedCount()).isZero();
        }
    }

    @Test
    void rejectsBadInput() {
        assertThatThrownBy(() -> new ImagePool(-1, 0, root)).hasMessageContaining(">= 0");
        try (ImagePool pool = new ImagePool(2, 5, root); NDManager step = root.newSubManager()) {
            assertThatThrownBy(() -> pool.query(step.zeros(new Shape(1, 2, 2))))
                    .hasMessageContaining("N×C×H×W");
            ImagePoolState other = new ImagePool(3, 5, step).state();
            assertThatThrownBy(() -> pool.restore(other)).hasMessageContaining("size 3");
        }
    }
}
