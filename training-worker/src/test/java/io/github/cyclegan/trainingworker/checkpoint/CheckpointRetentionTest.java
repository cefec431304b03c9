package io.github.cyclegan.trainingworker.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.cyclegan.localstack.LocalStack;
import io.github.cyclegan.localstack.SharedLocalStack;
import io.github.cyclegan.messaging.MessageCodec;
import io.github.cyclegan.storage.ObjectInfo;
import io.github.cyclegan.storage.ObjectStore;
import io.github.cyclegan.storage.StorageSettings;
import io.github.cyclegan.trainingworker.WorkerConfigs;

class CheckpointRetentionTest {

    private static final String ROOT = "models/retention/checkpoints/";

    private final ObjectStore store = store();

    @Test
    void keepsTheNewestCompleteFoldersOfTheJobAndLeavesOtherJobsAlone() {
        folder(1, "other-job", true);
        for (int iteration = 2; iteration <= 6; iteration++) {
            folder(iteration, "job-1", true);
        }
        // Half-written (no progress.json): not a checkpoint, so neither counted nor deleted.
        folder(7, "job-1", false);

        new CheckpointStore(store, WorkerConfigs.of(Path.of("unused"), 2)).prune("retention", "job-1");

        assertThat(folders()).containsExactly("000000001", "000000005", "000000006", "000000007");
        assertThat(store.exists(ROOT + "000000001/progress.json")).isTrue();
        assertThat(store.exists(ROOT + "000000006/progress.json")).isTrue();
        assertThat(store.exists(ROOT + "000000005/G_A.safetensors")).isTrue();
        assertThat(new CheckpointStore(store, WorkerConfigs.of(Path.of("unused"), 2)).newest("retention"))
                .map(StoredCheckpoint::prefix).contains(ROOT + "000000006/");
    }

    @Test
    void refusesToKeepNoCheckpointAtAll() {
        assertThatThrownBy(() -> new CheckpointStore(store, WorkerConfigs.of(Path.of("unused"), 0)))
                .hasMessageContaining("keep-checkpoints must be at least 1");
    }

    private void folder(int iteration, String jobId, boolean complete) {
        String prefix = ROOT + String.format("%09d/", iteration);
        store.put(prefix + CheckpointStore.JOB_STAMP, MessageCodec.toBytes(new JobStamp(jobId, "hash")), "application/json");
        store.put(prefix + "G_A.safetensors", new byte[] {1, 2, 3}, "application/octet-stream");
        if (complete) {
            store.put(prefix + "progress.json", "{}".getBytes(), "application/json");
        }
    }

    private List<String> folders() {
        return store.list(ROOT).stream().map(ObjectInfo::key).map(k -> k.substring(ROOT.length(), k.indexOf('/', ROOT.length())))
                .distinct().sorted().toList();
    }

    private static ObjectStore store() {
        LocalStack stack = SharedLocalStack.get();
        return new ObjectStore(StorageSettings.of(stack.s3Endpoint(), stack.accessKey(), stack.secretKey()));
    }
}
