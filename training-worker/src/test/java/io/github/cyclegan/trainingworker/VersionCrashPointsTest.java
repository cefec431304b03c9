package io.github.cyclegan.trainingworker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.cyclegan.localstack.LocalStackTestResource;
import io.github.cyclegan.localstack.SharedLocalStack;
import io.github.cyclegan.localstack.TopicWatcher;
import io.github.cyclegan.messaging.Direction;
import io.github.cyclegan.messaging.MessageCodec;
import io.github.cyclegan.messaging.ModelVersion;
import io.github.cyclegan.messaging.Network;
import io.github.cyclegan.messaging.Topics;
import io.github.cyclegan.messaging.TrainingEvent;
import io.github.cyclegan.messaging.TrainingJob;
import io.github.cyclegan.messaging.TrainingState;
import io.github.cyclegan.storage.ObjectStore;
import io.github.cyclegan.storage.S3Uri;
import io.github.cyclegan.versions.GeneratorFile;
import io.github.cyclegan.versions.ModelKeys;
import io.github.cyclegan.versions.ModelVersions;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A training worker that dies around the publication of its version leaves one of these states behind, and the job
 * is delivered again: every version is then announced exactly once, and no number is used twice. The states are made
 * with the components a worker uses (a run of the worker itself, {@link ModelVersions} for the part a dead worker did).
 */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class VersionCrashPointsTest {

    private static final String MODEL = "crashpoints";

    private final ObjectStore store = TestStack.store();

    @Test
    void aRedeliveredJobAnnouncesItsVersionOnceWhereverItsWorkerDied() {
        TestStack.uploadImages(store, "datasets/crashpoints/trainA/", 'A', 2, 16);
        TestStack.uploadImages(store, "datasets/crashpoints/trainB/", 'B', 2, 16);
        TrainingJob job = new TrainingJob("crashpoints-1", MODEL, "s3://cyclegan/datasets/crashpoints/trainA/",
                "s3://cyclegan/datasets/crashpoints/trainB/", TestStack.tinyConfig());
        String payload = MessageCodec.toJson(job);
        TestStack.publish(Topics.TRAINING_JOBS, job.kafkaKey(), payload);
        TrainingEvent first = completion(job.jobId(), 1);
        assertThat(first.version()).isEqualTo(1L);
        assertThat(announcedVersions()).containsExactly(1L);

        // Died after announcing, before acknowledging: the job comes again.
        TestStack.publish(Topics.TRAINING_JOBS, job.kafkaKey(), payload);
        assertThat(completion(job.jobId(), 2).version()).isEqualTo(1L);
        assertThat(announcedVersions()).as("announced once").containsExactly(1L);
        assertThat(store.exists(ModelKeys.versionClaim(MODEL, 2))).as("no number taken").isFalse();

        // Died after storing version 2 and moving latest.json, before announcing it.
        ModelVersions versions = new ModelVersions(store);
        ModelVersion stored = versions.publish(MODEL, job.jobId(), versions.latest(MODEL).orElseThrow().architecture(),
                generatorsOf(first.checkpoint()));
        assertThat(stored.version()).isEqualTo(2L);
        assertThat(versions.latest(MODEL)).contains(stored);
        TestStack.publish(Topics.TRAINING_JOBS, job.kafkaKey(), payload);
        assertThat(completion(job.jobId(), 3).version()).isEqualTo(2L);
        assertThat(announcedVersions()).as("the stored version announced, once").containsExactly(1L, 2L);
        assertThat(store.exists(ModelKeys.versionClaim(MODEL, 3))).as("no number taken").isFalse();
    }

    /** The checkpoint's generators, uploaded again as a worker that died while publishing had them. */
    private Map<Direction, GeneratorFile> generatorsOf(String checkpoint) {
        String prefix = store.keyOf(S3Uri.parse(checkpoint));
        Map<Direction, GeneratorFile> generators = new EnumMap<>(Direction.class);
        for (Direction direction : Direction.values()) {
            generators.put(direction,
                    new GeneratorFile.Upload(store.get(prefix + Network.generator(direction).fileName())));
        }
        return generators;
    }

    /** The {@code n}th COMPLETED event of the job, once there is one. */
    private static TrainingEvent completion(String jobId, int n) {
        await("completion " + n + " of " + jobId).atMost(TestStack.JOB_TIMEOUT)
                .until(() -> completions(jobId).size() >= n);
        List<TrainingEvent> completions = completions(jobId);
        assertThat(completions).hasSize(n);
        return completions.get(n - 1);
    }

    private static List<TrainingEvent> completions(String jobId) {
        return TestStack.eventsSoFar(jobId).stream().filter(e -> e.state() == TrainingState.COMPLETED).toList();
    }

    private static List<Long> announcedVersions() {
        return TopicWatcher.readAll(SharedLocalStack.get().kafkaBootstrapServers(), Topics.MODELS).stream()
                .filter(r -> MODEL.equals(r.key())).map(r -> MessageCodec.fromJson(r.value(), ModelVersion.class))
                .map(ModelVersion::version).toList();
    }
}
