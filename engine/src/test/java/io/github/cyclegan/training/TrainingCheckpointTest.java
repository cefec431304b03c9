package io.github.cyclegan.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import ai.djl.ndarray.NDManager;
import io.github.cyclegan.messaging.Network;
import io.github.cyclegan.model.WeightFiles;
import io.github.cyclegan.weights.NamedTensor;
import io.github.cyclegan.weights.SafetensorsWriter;

/** Checkpoints stream file by file from the live trainer and are checked against their manifest when read back. */
class TrainingCheckpointTest {

    private static final ImageSet A = TinyDomains.domain(true, 4, 1);
    private static final ImageSet B = TinyDomains.domain(false, 5, 2);

    /** A run stopped after 3 iterations, its pools (size 3) full: the checkpoint holds every kind of file. */
    private static TrainingOutcome runThree(CycleGanTrainer trainer, List<TrainingCheckpoint> into) {
        int[] iterations = {0};
        return trainer.run(new TrainingListener() {
            @Override
            public void onIteration(IterationReport report) {
                iterations[0]++;
            }

            @Override
            public void onCheckpoint(TrainingCheckpoint checkpoint) {
                into.add(checkpoint);
            }

            @Override
            public boolean stopRequested() {
                return iterations[0] == 3;
            }
        });
    }

    @Test
    void writesEveryFileInOrderWithProgressLastAndAManifestOfTheirDigests() throws Exception {
        try (NDManager manager = NDManager.newBaseManager();
                CycleGanTrainer trainer = new CycleGanTrainer(TinyDomains.plan(3, 2, 0, 0), A, B, manager)) {
            List<TrainingCheckpoint> taken = new ArrayList<>();
            assertThat(runThree(trainer, taken)).isEqualTo(TrainingOutcome.STOPPED);
            TrainingCheckpoint checkpoint = trainer.checkpoint();
            MemoryCheckpoint written = new MemoryCheckpoint();
            CheckpointManifest manifest = checkpoint.writeTo(written);

            assertThat(written.files.keySet()).containsExactly("G_A.safetensors", "G_B.safetensors", "D_A.safetensors",
                    "D_B.safetensors", "optimizer_G.safetensors", "optimizer_D.safetensors", "pool_fake_A.safetensors",
                    "pool_fake_B.safetensors", "model.json", "manifest.json", "progress.json");
            assertThat(checkpoint.fileNames()).containsExactlyElementsOf(written.files.keySet());
            assertThat(manifest.files().keySet()).containsExactlyElementsOf(
                    written.files.keySet().stream().limit(written.files.size() - 2).toList());
            manifest.files().forEach((name, digest) -> {
                assertThat(digest.bytes()).as(name).isEqualTo(written.files.get(name).length);
                assertThat(digest.sha256()).as(name).isEqualTo(sha256(written.files.get(name)));
            });
            assertThat(CheckpointManifest.read(written)).contains(manifest);
            assertThat(written.progress().iteration()).isEqualTo(3);
            // The networks' files are what the reference loads: the same bytes as writing the tensors at once.
            for (Network network : Network.values()) {
                assertThat(written.files.get(network.fileName())).as(network.name()).isEqualTo(SafetensorsWriter.toBytes(
                        WeightFiles.tensors(trainer.model().network(network)),
                        Map.of("network", network.name(), "format", "pt")));
            }
            assertThat(trainer.model().fakeAPool().storedCount()).isEqualTo(3);
        }
    }

    @Test
    void aSinkMayOpenAFileAgainAndGetsTheSameBytes() throws Exception {
        try (NDManager manager = NDManager.newBaseManager();
                CycleGanTrainer trainer = new CycleGanTrainer(TinyDomains.plan(3, 2, 0, 0), A, B, manager)) {
            runThree(trainer, new ArrayList<>());
            MemoryCheckpoint once = MemoryCheckpoint.of(trainer.checkpoint());
            MemoryCheckpoint retried = new MemoryCheckpoint();
            CheckpointManifest manifest = trainer.checkpoint().writeTo(file -> {
                // A first attempt that fails half-way, as an upload may, then a full one.
                try (InputStream partial = file.open()) {
                    partial.readNBytes((int) file.length() / 2);
                }
                retried.write(file);
            });
            assertThat(retried.files.keySet()).containsExactlyElementsOf(once.files.keySet());
            retried.files.forEach((name, content) -> assertThat(content).as(name).isEqualTo(once.files.get(name)));
            assertThat(manifest).isEqualTo(CheckpointManifest.read(once).orElseThrow());

            // A sink that stores nothing it reads still gets a complete manifest.
            CheckpointManifest unread = trainer.checkpoint().writeTo(file -> { });
            assertThat(unread).isEqualTo(manifest);
        }
    }

    @Test
    void aCheckpointCannotBeWrittenOnceTheTrainerHasMovedOn() {
        try (NDManager manager = NDManager.newBaseManager();
                CycleGanTrainer trainer = new CycleGanTrainer(TinyDomains.plan(3, 2, 0, 0), A, B, manager)) {
            List<TrainingCheckpoint> taken = new ArrayList<>();
            runThree(trainer, taken);
            TrainingCheckpoint stopped = taken.get(taken.size() - 1);
            assertThat(stopped.progress().iteration()).isEqualTo(3);
            MemoryCheckpoint.of(stopped); // still current: nothing ran since

            trainer.run(new TrainingListener() {}); // trains on to the end
            assertThatThrownBy(() -> stopped.writeTo(new MemoryCheckpoint())).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("checkpoint of iteration 3 is no longer current");
        }
    }

    @Test
    void aResumeRefusesAFileThatDiffersFromTheManifest() throws Exception {
        try (NDManager manager = NDManager.newBaseManager()) {
            MemoryCheckpoint written;
            try (CycleGanTrainer trainer = new CycleGanTrainer(TinyDomains.plan(3, 2, 0, 0), A, B, manager)) {
                runThree(trainer, new ArrayList<>());
                written = MemoryCheckpoint.of(trainer.checkpoint());
            }
            byte[] optimizer = written.files.get("optimizer_D.safetensors");
            optimizer[optimizer.length - 1] ^= 1; // one weight's lowest bit: still a well-formed file
            try (CycleGanTrainer resumed = new CycleGanTrainer(TinyDomains.plan(3, 2, 0, 0), A, B, manager)) {
                assertThatThrownBy(() -> resumed.resume(written)).isInstanceOf(CorruptCheckpointException.class)
                        .hasMessageContaining("optimizer_D.safetensors has " + optimizer.length + " bytes with SHA-256 "
                                + sha256(optimizer) + ", but manifest.json says");
            }
            optimizer[optimizer.length - 1] ^= 1;
            written.files.remove("pool_fake_B.safetensors");
            try (CycleGanTrainer resumed = new CycleGanTrainer(TinyDomains.plan(3, 2, 0, 0), A, B, manager)) {
                assertThatThrownBy(() -> resumed.resume(written)).isInstanceOf(NoSuchFileException.class);
            }
        }
    }

    /** Checkpoints written before manifests existed resume as before, unchecked. */
    @Test
    void aCheckpointWithoutAManifestResumesExactly() throws Exception {
        TrainingPlan plan = TinyDomains.plan(3, 2, 0, 0);
        try (NDManager manager = NDManager.newBaseManager()) {
            MemoryCheckpoint written;
            List<NamedTensor> uninterrupted;
            try (CycleGanTrainer trainer = new CycleGanTrainer(plan, A, B, manager)) {
                runThree(trainer, new ArrayList<>());
                written = MemoryCheckpoint.of(trainer.checkpoint());
                trainer.run(new TrainingListener() {});
                uninterrupted = WeightFiles.tensors(trainer.model().network(Network.G_B));
            }
            written.files.remove(CheckpointManifest.FILE);
            try (CycleGanTrainer resumed = new CycleGanTrainer(plan, A, B, manager)) {
                assertThat(resumed.resume(written).iteration()).isEqualTo(3);
                resumed.run(new TrainingListener() {});
                assertThat(WeightFiles.tensors(resumed.model().network(Network.G_B))).isEqualTo(uninterrupted);
            }
        }
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
