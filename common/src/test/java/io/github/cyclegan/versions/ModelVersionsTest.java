package io.github.cyclegan.versions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cyclegan.localstack.LocalStack;
import io.github.cyclegan.localstack.LocalStackExtension;
import io.github.cyclegan.messaging.Direction;
import io.github.cyclegan.messaging.ModelArchitecture;
import io.github.cyclegan.messaging.ModelVersion;
import io.github.cyclegan.storage.ObjectStore;
import io.github.cyclegan.storage.S3Uri;
import io.github.cyclegan.storage.StorageSettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalStackExtension.class)
class ModelVersionsTest {

    private static final ModelArchitecture ARCH = ModelArchitecture.referenceDefault();

    private final LocalStack stack;
    private ObjectStore store;
    private ModelVersions versions;

    ModelVersionsTest(LocalStack stack) {
        this.stack = stack;
    }

    @BeforeEach
    void newBucket() {
        String bucket = "versions-" + UUID.randomUUID().toString().substring(0, 8);
        store = new ObjectStore(new StorageSettings(stack.s3Endpoint(), stack.accessKey(), stack.secretKey(),
                LocalStack.REGION, bucket, Duration.ofMinutes(5), 2, Duration.ofMillis(10)));
        versions = new ModelVersions(store);
    }

    @Test
    void publishesNumberedVersionsWithChecksumsAndMovesLatest() {
        ModelVersion first = versions.publish("m", "job-1", ARCH, Map.of(Direction.A_TO_B, upload("a1"),
                Direction.B_TO_A, upload("b1")));
        ModelVersion second = versions.publish("m", null, ARCH, Map.of(Direction.A_TO_B, upload("a2"),
                Direction.B_TO_A, new GeneratorFile.Existing(first.generators().get(Direction.B_TO_A),
                        first.sha256().get(Direction.B_TO_A))));

        assertThat(first.version()).isEqualTo(1);
        assertThat(second.version()).isEqualTo(2);
        assertThat(versions.latest("m")).contains(second);
        assertThat(versions.version("m", 1)).contains(first);
        assertThat(versions.resolve("m", null)).isEqualTo(second);
        assertThat(versions.list("m")).containsExactly(first, second);
        assertThat(versions.list(null)).containsExactly(first, second);
        assertMatchesItsWeights(first);
        assertMatchesItsWeights(second);
        assertThat(second.generators().get(Direction.B_TO_A)).isEqualTo(first.generators().get(Direction.B_TO_A));
        assertThat(versions.publishedBy("m", "job-1")).contains(first);
        assertThat(versions.publishedBy("m", "job-2")).isEmpty();
    }

    /** A checkpoint's generators go into the version by a copy on the server, with the digests taken as they were written. */
    @Test
    void copiesStoredWeightsIntoTheVersionFolderWithTheirKnownDigests() {
        byte[] gA = "weights of G_A".getBytes(StandardCharsets.UTF_8);
        byte[] gB = "weights of G_B".getBytes(StandardCharsets.UTF_8);
        store.put("models/m/checkpoints/000000008/G_A.safetensors", gA, "application/octet-stream");
        store.put("models/m/checkpoints/000000008/G_B.safetensors", gB, "application/octet-stream");

        ModelVersion published = versions.publish("m", "job-1", ARCH, Map.of(
                Direction.A_TO_B, new GeneratorFile.Copy("models/m/checkpoints/000000008/G_A.safetensors",
                        ModelVersions.sha256(gA)),
                Direction.B_TO_A, new GeneratorFile.Copy("models/m/checkpoints/000000008/G_B.safetensors",
                        ModelVersions.sha256(gB))));
        // Retention deletes old checkpoints; the version keeps its own copy.
        store.delete("models/m/checkpoints/000000008/G_A.safetensors");
        store.delete("models/m/checkpoints/000000008/G_B.safetensors");

        assertThat(published.generators()).containsEntry(Direction.A_TO_B,
                "s3://" + store.bucket() + "/models/m/versions/1/G_A.safetensors");
        assertThat(store.get(ModelKeys.generator("m", 1, Direction.B_TO_A))).isEqualTo(gB);
        assertMatchesItsWeights(published);
        assertThat(versions.latest("m")).contains(published);
        assertThatThrownBy(() -> new GeneratorFile.Copy("k", "ABC")).hasMessageContaining("64 lower-case hex digits");
    }

    @Test
    void concurrentPublishersNeverShareANumber() throws Exception {
        int publishers = 4;
        int each = 3;
        ExecutorService pool = Executors.newFixedThreadPool(publishers);
        try {
            List<Future<List<ModelVersion>>> results = new ArrayList<>();
            for (int p = 0; p < publishers; p++) {
                String job = "job-" + p;
                Callable<List<ModelVersion>> publisher = () -> {
                    List<ModelVersion> mine = new ArrayList<>();
                    for (int i = 0; i < each; i++) {
                        mine.add(versions.publish("race", job, ARCH, Map.of(Direction.A_TO_B, upload(job + "/" + i))));
                    }
                    return mine;
                };
                results.add(pool.submit(publisher));
            }
            Set<Long> numbers = new HashSet<>();
            for (Future<List<ModelVersion>> result : results) {
                for (ModelVersion version : result.get()) {
                    assertThat(numbers.add(version.version())).as("version %d taken twice", version.version()).isTrue();
                    assertThat(versions.version("race", version.version())).contains(version);
                    assertMatchesItsWeights(version);
                }
            }
            assertThat(numbers).hasSize(publishers * each);
            assertThat(versions.latest("race").orElseThrow().version())
                    .isEqualTo(numbers.stream().mapToLong(Long::longValue).max().orElseThrow());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aNumberClaimedByAPublisherThatDiedIsNeverReused() {
        versions.publish("m", "job-1", ARCH, Map.of(Direction.A_TO_B, upload("a1")));
        // A publisher claimed 2 and died before writing anything else.
        store.put(ModelKeys.versionClaim("m", 2), "{}".getBytes(StandardCharsets.UTF_8), "application/json");

        ModelVersion next = versions.publish("m", "job-2", ARCH, Map.of(Direction.A_TO_B, upload("a3")));

        assertThat(next.version()).isEqualTo(3);
        assertThat(versions.version("m", 2)).isEmpty();
        assertThat(versions.latest("m")).contains(next);
    }

    @Test
    void latestNeverMovesBackwards() {
        ModelVersion first = versions.publish("m", "job-1", ARCH, Map.of(Direction.A_TO_B, upload("a1")));
        ModelVersion second = versions.publish("m", "job-2", ARCH, Map.of(Direction.A_TO_B, upload("a2")));

        versions.advanceLatest(first);

        assertThat(versions.latest("m")).contains(second);
    }

    @Test
    void missingAndCorruptVersionsAreToldApart() {
        assertThat(versions.latest("none")).isEmpty();
        assertThatThrownBy(() -> versions.resolve("none", null)).isInstanceOf(VersionNotFoundException.class)
                .hasMessage("no model named none");
        versions.publish("m", "job-1", ARCH, Map.of(Direction.A_TO_B, upload("a1")));
        assertThatThrownBy(() -> versions.resolve("m", 7L)).isInstanceOf(VersionNotFoundException.class)
                .hasMessage("model m has no version 7");

        store.put(ModelKeys.latest("m"), "{\"model\": 3}".getBytes(StandardCharsets.UTF_8), "application/json");
        assertThatThrownBy(() -> versions.latest("m")).isInstanceOf(InvalidStoredVersionException.class)
                .hasMessageContaining("latest.json is not a valid ModelVersion");

        store.put(ModelKeys.versionJson("m", 5), store.get(ModelKeys.versionJson("m", 1)), "application/json");
        assertThatThrownBy(() -> versions.version("m", 5)).isInstanceOf(InvalidStoredVersionException.class)
                .hasMessageContaining("holds model m version 1");
    }

    private void assertMatchesItsWeights(ModelVersion version) {
        version.generators().forEach((direction, uri) -> assertThat(version.sha256().get(direction))
                .as("%s of version %d", direction, version.version())
                .isEqualTo(ModelVersions.sha256(store.get(store.keyOf(S3Uri.parse(uri))))));
    }

    private static GeneratorFile upload(String content) {
        return new GeneratorFile.Upload(content.getBytes(StandardCharsets.UTF_8));
    }
}
