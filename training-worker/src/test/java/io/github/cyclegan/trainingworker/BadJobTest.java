package io.github.cyclegan.trainingworker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.github.cyclegan.localstack.LocalStackTestResource;
import io.github.cyclegan.messaging.MessageCodec;
import io.github.cyclegan.messaging.TrainingEvent;
import io.github.cyclegan.messaging.TrainingState;
import io.github.cyclegan.storage.ObjectStore;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class BadJobTest {

    private static final String A = "s3://cyclegan/datasets/bad/trainA/";
    private static final String B = "s3://cyclegan/datasets/bad/trainB/";

    private final ObjectStore store = TestStack.store();

    @Test
    void eachBadJobFailsWithASpecificMessageAndTheNextJobStillRuns() {
        TestStack.uploadImages(store, "datasets/bad/trainA/", 'A', 2, 16);
        TestStack.uploadImages(store, "datasets/bad/trainB/", 'B', 2, 16);
        store.put("datasets/bad/unreadable/a.png", "garbage".getBytes(), "image/png");
        store.put("datasets/bad/notes/readme.txt", "no images here".getBytes(), "text/plain");

        // All keyed "bad", so they share a partition and run in this order.
        TestStack.publish("cyclegan.training.jobs", "bad", "{this is not json");
        TestStack.publish("cyclegan.training.jobs", "bad", "{\"jobId\": \"bad-missing-field\", \"model\": \"bad\", \"datasetA\": \"" + A + "\"}");
        submit("bad-arch", A, B, Map.of("netG", "resnet_12blocks"));
        submit("bad-epochs", A, B, Map.of("nEpochs", -1));
        submit("bad-type", A, B, Map.of("ngf", "wide"));
        submit("bad-key", A, B, Map.of("learningRate", 0.1));
        submit("bad-size", A, B, Map.of("loadSize", 100_000, "cropSize", 100_000));
        submit("bad-crop", A, B, Map.of("cropSize", 300));
        submit("bad-missing", "s3://cyclegan/datasets/nothing-here/", B, Map.of());
        submit("bad-empty", "s3://cyclegan/datasets/bad/unreadable/", B, Map.of());
        submit("bad-no-images", "s3://cyclegan/datasets/bad/notes/", B, Map.of());
        submit("bad-bucket", "s3://other-bucket/datasets/bad/trainA/", B, Map.of());
        submit("bad-init-uri", A, B, Map.of("initFrom", "models/x/versions/1/"));
        Map<String, Object> tiny = new HashMap<>(TestStack.tinyConfig());
        tiny.put("nEpochsDecay", 0);
        Map<String, Object> initFromNothing = new HashMap<>(tiny);
        initFromNothing.put("initFrom", "s3://cyclegan/datasets/bad/notes/");
        submit("bad-init-missing", A, B, initFromNothing);
        submit("good-after-bad", A, B, tiny);

        assertThat(failure("bad-missing-field")).isEqualTo("TrainingJob.datasetB is required");
        assertThat(failure("bad-arch")).isEqualTo("config.netG: unknown generator architecture 'resnet_12blocks'; "
                + "expected one of resnet_9blocks, resnet_6blocks, unet_256, unet_128");
        assertThat(failure("bad-epochs")).isEqualTo("config.nEpochs: must be an integer from 0 to 10000, got -1");
        assertThat(failure("bad-type")).isEqualTo("config.ngf: expected an integer, got \"wide\"");
        assertThat(failure("bad-key")).startsWith("config.learningRate: unknown option; known options are netG, netD,");
        assertThat(failure("bad-size")).isEqualTo("config.loadSize: must be an integer from 1 to 4096, got 100000");
        assertThat(failure("bad-crop")).isEqualTo("config.cropSize: 300 is larger than loadSize 286: resize_and_crop crops "
                + "from the image resized to loadSize");
        assertThat(failure("bad-missing")).isEqualTo(
                "datasetA s3://cyclegan/datasets/nothing-here/ does not exist (no objects under that prefix)");
        assertThat(failure("bad-empty")).startsWith(
                "datasetA s3://cyclegan/datasets/bad/unreadable/ has no readable images (1 image files, 1 unreadable;");
        assertThat(failure("bad-no-images")).startsWith(
                "datasetA s3://cyclegan/datasets/bad/notes/ has no readable images (0 image files, 0 unreadable;");
        assertThat(failure("bad-bucket")).isEqualTo(
                "datasetA s3://other-bucket/datasets/bad/trainA/ is outside the bucket this worker reads ('cyclegan')");
        assertThat(failure("bad-init-uri")).isEqualTo("config.initFrom: not an s3:// URI: 'models/x/versions/1/'");
        assertThat(failure("bad-init-missing")).startsWith(
                "config.initFrom s3://cyclegan/datasets/bad/notes/ has no G_A.safetensors; it must name a folder with");
        List<TrainingEvent> good = TestStack.eventsUntilFinal("good-after-bad");
        assertThat(good.get(good.size() - 1).state()).isEqualTo(TrainingState.COMPLETED);
    }

    /** Sends the job as JSON, not as a TrainingJob, which would refuse a bad config before it is sent. */
    private static void submit(String jobId, String datasetA, String datasetB, Map<String, Object> config) {
        Map<String, Object> job = Map.of("jobId", jobId, "model", "bad", "datasetA", datasetA, "datasetB", datasetB,
                "config", config);
        TestStack.publish("cyclegan.training.jobs", "bad", MessageCodec.toJson(job));
    }

    private static String failure(String jobId) {
        List<TrainingEvent> events = TestStack.eventsUntilFinal(jobId);
        TrainingEvent last = events.get(events.size() - 1);
        assertThat(last.state()).as("final state of %s", jobId).isEqualTo(TrainingState.FAILED);
        return last.error();
    }
}
