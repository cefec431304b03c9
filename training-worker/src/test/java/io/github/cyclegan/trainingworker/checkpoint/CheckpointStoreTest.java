package io.github.cyclegan.trainingworker.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import ai.djl.ndarray.NDManager;
import io.github.cyclegan.localstack.LocalStack;
import io.github.cyclegan.localstack.LocalStackTestResource;
import io.github.cyclegan.localstack.SharedLocalStack;
import io.github.cyclegan.messaging.Network;
import io.github.cyclegan.messaging.options.DiscriminatorArchitecture;
import io.github.cyclegan.messaging.options.GeneratorArchitecture;
import io.github.cyclegan.messaging.options.LrPolicy;
import io.github.cyclegan.messaging.options.PreprocessMode;
import io.github.cyclegan.model.DiscriminatorSpec;
import io.github.cyclegan.model.GeneratorSpec;
import io.github.cyclegan.model.WeightFiles;
import io.github.cyclegan.storage.ObjectInfo;
import io.github.cyclegan.storage.ObjectStore;
import io.github.cyclegan.storage.StorageSettings;
import io.github.cyclegan.training.CheckpointManifest;
import io.github.cyclegan.training.CorruptCheckpointException;
import io.github.cyclegan.training.CycleGanOptions;
import io.github.cyclegan.training.CycleGanTrainer;
import io.github.cyclegan.training.ImageSet;
import io.github.cyclegan.training.LrScheduleOptions;
import io.github.cyclegan.training.PreprocessOptions;
import io.github.cyclegan.training.TrainingCheckpoint;
import io.github.cyclegan.training.TrainingListener;
import io.github.cyclegan.training.TrainingPlan;
import io.github.cyclegan.trainingworker.WorkerConfigs;
import io.github.cyclegan.versions.ModelVersions;
import io.github.cyclegan.weights.NamedTensor;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Checkpoints stream into the real S3 server file by file, and back into a trainer. A Quarkus test only because
 * libtorch loads into one class loader per JVM, the application's, which the other tests of this module start.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class CheckpointStoreTest {

    private static final String MODEL = "stream-test";

    private final ObjectStore store = store();
    private final CheckpointStore checkpoints = new CheckpointStore(store, WorkerConfigs.of(Path.of("unused"), 3));

    @Test
    void aWrittenCheckpointHasEveryFileWithItsDigestAndResumesIntoAFreshTrainer() throws Exception {
        try (NDManager manager = NDManager.newBaseManager();
                CycleGanTrainer trainer = new CycleGanTrainer(plan(), images(), images(), manager)) {
            List<StoredCheckpoint> stored = new ArrayList<>();
            trainer.run(new TrainingListener() {
                @Override
                public void onCheckpoint(TrainingCheckpoint checkpoint) {
                    stored.add(checkpoints.write(MODEL, new JobStamp("job-1", "hash"), checkpoint));
                }
            });
            StoredCheckpoint last = stored.get(stored.size() - 1);
            assertThat(last.prefix()).isEqualTo("models/" + MODEL + "/checkpoints/000000006/");
            assertThat(store.list(last.prefix())).extracting(o -> o.key().substring(last.prefix().length()))
                    .containsExactlyInAnyOrder("job.json", "G_A.safetensors", "G_B.safetensors", "D_A.safetensors",
                            "D_B.safetensors", "optimizer_G.safetensors", "optimizer_D.safetensors",
                            "pool_fake_A.safetensors", "pool_fake_B.safetensors", "model.json", "manifest.json",
                            "progress.json");
            CheckpointManifest manifest = last.manifest();
            assertThat(manifest.files()).hasSize(9);
            for (ObjectInfo object : store.list(last.prefix())) {
                String name = object.key().substring(last.prefix().length());
                manifest.sha256(name).ifPresent(sha -> assertThat(sha).as(name)
                        .isEqualTo(ModelVersions.sha256(store.get(object.key()))));
            }

            StoredCheckpoint found = checkpoints.newest(MODEL).orElseThrow();
            assertThat(found.prefix()).isEqualTo(last.prefix());
            assertThat(found.knownManifest()).isEmpty();
            assertThat(checkpoints.sha256(found, "G_B.safetensors")).isEqualTo(manifest.sha256("G_B.safetensors").orElseThrow());

            try (CycleGanTrainer resumed = new CycleGanTrainer(plan(), images(), images(), manager)) {
                assertThat(checkpoints.read(found, resumed::resume).iteration()).isEqualTo(6);
                for (Network network : Network.values()) {
                    List<NamedTensor> expected = WeightFiles.tensors(trainer.model().network(network));
                    assertThat(WeightFiles.tensors(resumed.model().network(network))).as(network.name()).isEqualTo(expected);
                }
            }

            // A checkpoint from before manifests: the digest comes from the stored file itself.
            store.delete(last.prefix() + CheckpointManifest.FILE);
            assertThat(checkpoints.sha256(found, "G_A.safetensors")).isEqualTo(manifest.sha256("G_A.safetensors").orElseThrow());
        }
    }

    @Test
    void aReadBrokenOnTheWayRunsAgainButACorruptCheckpointFailsAtOnce() throws Exception {
        StoredCheckpoint somewhere = new StoredCheckpoint("models/" + MODEL + "/checkpoints/000000001/",
                "s3://cyclegan/models/" + MODEL + "/checkpoints/000000001/", new JobStamp("job-1", "hash"), null);
        int[] attempts = {0};
        String read = checkpoints.read(somewhere, source -> {
            if (++attempts[0] == 1) {
                throw new IOException("connection reset");
            }
            return "read";
        });
        assertThat(read).isEqualTo("read");
        assertThat(attempts[0]).isEqualTo(2);

        attempts[0] = 0;
        assertThatThrownBy(() -> checkpoints.read(somewhere, source -> {
            attempts[0]++;
            throw new CorruptCheckpointException("G_A.safetensors differs from manifest.json");
        })).isInstanceOf(CorruptCheckpointException.class);
        assertThat(attempts[0]).isEqualTo(1);
    }

    /** ResNet-6 with ngf 4, 1-layer D with ndf 4, pools of 2, 16 px: two epochs of three iterations. */
    private static TrainingPlan plan() {
        CycleGanOptions model = CycleGanOptions.defaults().withNetworks(
                GeneratorSpec.defaults().withArchitecture(GeneratorArchitecture.RESNET_6BLOCKS).withNgf(4),
                DiscriminatorSpec.defaults().withArchitecture(DiscriminatorArchitecture.N_LAYERS).withLayers(1).withNdf(4))
                .withPoolSize(2).withSeed(7);
        return new TrainingPlan(model, new PreprocessOptions(PreprocessMode.NONE, 16, 16, true, 3),
                new LrScheduleOptions(LrPolicy.LINEAR, 2e-4, 1, 1, 1, 50), 1, false, 0, 0);
    }

    private static ImageSet images() {
        return new ImageSet() {
            @Override
            public int size() {
                return 3;
            }

            @Override
            public BufferedImage load(int index) {
                BufferedImage image = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
                image.setRGB(index, index, 0xffffff);
                return image;
            }
        };
    }

    private static ObjectStore store() {
        LocalStack stack = SharedLocalStack.get();
        return new ObjectStore(StorageSettings.of(stack.s3Endpoint(), stack.accessKey(), stack.secretKey()));
    }
}
