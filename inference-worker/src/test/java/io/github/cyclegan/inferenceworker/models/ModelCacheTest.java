package io.github.cyclegan.inferenceworker.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cyclegan.image.ChwImage;
import io.github.cyclegan.serving.GeneratorModel;
import io.github.cyclegan.inferenceworker.config.ServingConfig;
import io.github.cyclegan.inferenceworker.metrics.WorkerMetrics;
import io.github.cyclegan.inferenceworker.support.TestModels;
import io.github.cyclegan.messaging.Direction;
import io.github.cyclegan.messaging.ModelVersion;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The cache without Quarkus: a loader that builds tiny random generators, each counted as 100 bytes. */
class ModelCacheTest {
    private static final long GENERATOR_BYTES = 100;

    private final List<ModelVersion> loads = new ArrayList<>();
    /** What the next load throws instead of loading, once. */
    private Throwable nextFailure;
    private final List<GeneratorModel> created = new ArrayList<>();
    private final ModelCache cache = new ModelCache();

    ModelCacheTest() {
        cache.loader = new GeneratorLoader() {
            @Override
            public LoadedGenerator load(ModelVersion version, Direction direction) {
                loads.add(version);
                Throwable failure = nextFailure;
                nextFailure = null;
                if (failure instanceof Error error) {
                    throw error;
                }
                GeneratorModel model = GeneratorModel.randomlyInitialised(TestModels.SPEC, version.version());
                created.add(model);
                return new LoadedGenerator(model, GENERATOR_BYTES);
            }
        };
        cache.metrics = new WorkerMetrics() {
            @Override
            public void modelLoaded(long nanos) {
                // No registry outside Quarkus; the load time is not what this test is about.
            }
        };
        // Room for one generator and a half: loading a second one must evict the first.
        cache.config = (ServingConfig) Proxy.newProxyInstance(ServingConfig.class.getClassLoader(),
                new Class<?>[] {ServingConfig.class}, (proxy, method, args) -> {
                    if (method.getName().equals("modelCacheBytes")) {
                        return GENERATOR_BYTES * 3 / 2;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    @AfterEach
    void closeGenerators() {
        created.forEach(GeneratorModel::close);
    }

    @Test
    void anEvictedGeneratorStaysOpenUntilItsLeaseIsReleased() {
        ModelVersion v1 = version(1);
        ModelVersion v2 = version(2);
        ModelLease held = cache.acquire(v1, Direction.A_TO_B);
        GeneratorModel first = held.model();

        try (ModelLease second = cache.acquire(v2, Direction.A_TO_B)) {
            assertThat(cache.isLoaded(second.key())).isTrue();
        }

        assertThat(cache.isLoaded(held.key())).as("v1 evicted from the cache").isFalse();
        assertThat(cache.loadedCount()).isEqualTo(1);
        assertThat(first.translate(image()).height()).as("the leased, evicted generator still translates").isEqualTo(8);

        held.close();
        assertThatThrownBy(() -> first.translate(image())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");

        try (ModelLease again = cache.acquire(v1, Direction.A_TO_B)) {
            assertThat(again.model()).isNotSameAs(first);
            assertThat(again.model().translate(image()).width()).isEqualTo(8);
        }
        assertThat(loads).extracting(ModelVersion::version).containsExactly(1L, 2L, 1L);
    }

    @Test
    void anUnleasedGeneratorIsClosedWhenEvicted() {
        GeneratorModel first;
        try (ModelLease lease = cache.acquire(version(1), Direction.A_TO_B)) {
            first = lease.model();
        }
        assertThat(first.translate(image()).height()).as("cached, not closed, after its lease").isEqualTo(8);

        try (ModelLease second = cache.acquire(version(2), Direction.A_TO_B)) {
            assertThat(second.model().translate(image()).height()).isEqualTo(8);
        }

        assertThatThrownBy(() -> first.translate(image())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void aLoadThatFailsWithAnErrorLeavesTheCacheUsable() {
        nextFailure = new StackOverflowError("a hostile weights file");

        assertThatThrownBy(() -> cache.acquire(version(1), Direction.A_TO_B))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("a hostile weights file");
        assertThat(cache.loadedCount()).isZero();

        try (ModelLease again = cache.acquire(version(1), Direction.A_TO_B)) {
            assertThat(again.model().translate(image()).width()).isEqualTo(8);
        }
        assertThat(loads).extracting(ModelVersion::version).containsExactly(1L, 1L);
    }

    private static ModelVersion version(long version) {
        return new ModelVersion("cache", version, Map.of(Direction.A_TO_B, "s3://cyclegan/models/cache/G_A"),
                TestModels.ARCHITECTURE, null);
    }

    private static ChwImage image() {
        return new ChwImage(3, 8, 8, new float[3 * 8 * 8]);
    }
}
