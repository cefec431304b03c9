package io.github.cyclegan.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.github.cyclegan.localstack.LocalStack;
import io.github.cyclegan.localstack.LocalStackExtension;

@ExtendWith(LocalStackExtension.class)
class ObjectStoreTest {

    private final LocalStack stack;
    private ObjectStore store;

    ObjectStoreTest(LocalStack stack) {
        this.stack = stack;
    }

    @BeforeEach
    void newBucket() {
        // A bucket per test: each test also proves that the bucket is created on first use.
        String bucket = "test-" + UUID.randomUUID().toString().substring(0, 8);
        store = new ObjectStore(settings(stack).withBucket(bucket));
    }

    static StorageSettings settings(LocalStack stack) {
        return new StorageSettings(stack.s3Endpoint(), stack.accessKey(), stack.secretKey(), LocalStack.REGION,
                StorageSettings.DEFAULT_BUCKET, Duration.ofMinutes(5), 2, Duration.ofMillis(10));
    }

    @Test
    void putsGetsStatsListsAndDeletes() throws Exception {
        byte[] image = randomBytes(300_000);
        store.put("datasets/d/trainA/1.png", image, "image/png");
        store.put("datasets/d/trainA/2.png", new byte[] {1, 2, 3}, "image/png");
        store.put("datasets/d/trainB/1.png", new ByteArrayInputStream(image), "image/png");

        assertThat(store.get("datasets/d/trainA/1.png")).isEqualTo(image);
        try (InputStream in = store.open("datasets/d/trainB/1.png")) {
            assertThat(in.readAllBytes()).isEqualTo(image);
        }
        ObjectInfo info = store.stat("datasets/d/trainA/1.png").orElseThrow();
        assertThat(info.size()).isEqualTo(image.length);
        assertThat(info.contentType()).isEqualTo("image/png");
        assertThat(store.stat("datasets/d/missing.png")).isEmpty();

        assertThat(store.list("datasets/d/trainA/")).extracting(ObjectInfo::key)
                .containsExactly("datasets/d/trainA/1.png", "datasets/d/trainA/2.png");
        assertThat(store.list("datasets/d/")).hasSize(3);
        assertThat(store.list("nothing/here/")).isEmpty();

        store.delete("datasets/d/trainA/2.png");
        store.delete("datasets/d/trainA/2.png");
        assertThat(store.exists("datasets/d/trainA/2.png")).isFalse();
    }

    @Test
    void conditionalWritesLetOneWriterWin() {
        assertThat(store.createIfAbsent("claims/1", bytes("a"), "text/plain")).isTrue();
        assertThat(store.createIfAbsent("claims/1", bytes("b"), "text/plain")).isFalse();
        assertThat(store.get("claims/1")).isEqualTo(bytes("a"));

        String etag = store.stat("claims/1").orElseThrow().etag();
        assertThat(store.replaceIfUnchanged("claims/1", etag, bytes("c"), "text/plain")).isTrue();
        assertThat(store.replaceIfUnchanged("claims/1", etag, bytes("d"), "text/plain")).isFalse();
        assertThat(store.get("claims/1")).isEqualTo(bytes("c"));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void presignedUrlServesTheSameBytesOverPlainHttp() throws Exception {
        byte[] image = randomBytes(70_000);
        store.put("outputs/r1.png", image, "image/png");
        String url = store.presignGet("outputs/r1.png", Duration.ofMinutes(1));
        assertThat(url).startsWith(stack.s3Endpoint().toString()).contains("X-Amz-Signature=");

        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(image);

        HttpResponse<byte[]> tampered = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(url.replace("outputs/r1.png", "outputs/r2.png"))).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(tampered.statusCode()).isEqualTo(403);
    }

    /** Above the part size the object goes up in parts, read from the stream as they are sent. */
    @Test
    void streamsContentOfKnownLengthAndRetriesAFailedUploadFromAFreshStream() throws Exception {
        byte[] large = randomBytes(11 * 1024 * 1024 + 5);
        int[] opens = {0};
        store.put("models/m/checkpoints/000000001/optimizer_G.safetensors", large.length, () -> {
            opens[0]++;
            InputStream whole = new ByteArrayInputStream(large);
            // The first attempt's connection breaks a megabyte in.
            return opens[0] > 1 ? whole : new FilterInputStream(whole) {
                private int read;

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    if (read > 1 << 20) {
                        throw new IOException("connection reset");
                    }
                    int n = super.read(b, off, len);
                    read += Math.max(n, 0);
                    return n;
                }
            };
        }, "application/octet-stream");

        assertThat(opens[0]).isEqualTo(2);
        assertThat(store.get("models/m/checkpoints/000000001/optimizer_G.safetensors")).isEqualTo(large);
        store.put("models/m/checkpoints/000000001/model.json", 2, () -> new ByteArrayInputStream(bytes("{}")),
                "application/json");
        assertThat(store.stat("models/m/checkpoints/000000001/model.json").orElseThrow().contentType())
                .isEqualTo("application/json");
    }

    @Test
    void copiesAnObjectOnTheServer() {
        byte[] weights = randomBytes(200_000);
        store.put("models/m/checkpoints/000000001/G_A.safetensors", weights, "application/octet-stream");

        store.copy("models/m/checkpoints/000000001/G_A.safetensors", "models/m/versions/1/G_A.safetensors");
        store.delete("models/m/checkpoints/000000001/G_A.safetensors");

        assertThat(store.get("models/m/versions/1/G_A.safetensors")).isEqualTo(weights);
        assertThatThrownBy(() -> store.copy("models/m/checkpoints/000000001/G_A.safetensors", "models/m/versions/2/G_A.safetensors"))
                .isInstanceOf(ObjectNotFoundException.class)
                .hasMessage("no object at s3://" + store.bucket() + "/models/m/checkpoints/000000001/G_A.safetensors");
    }

    @Test
    void rejectsBadKeysBeforeAnyRequest() {
        assertThatThrownBy(() -> store.put("../escape.png", new byte[1], "image/png"))
                .isInstanceOf(InvalidObjectKeyException.class);
        assertThatThrownBy(() -> store.get("/absolute")).isInstanceOf(InvalidObjectKeyException.class);
        assertThatThrownBy(() -> store.keyOf(S3Uri.parse("s3://other-bucket/a.png")))
                .isInstanceOf(InvalidObjectKeyException.class).hasMessageContaining("outside the allowed bucket");
        assertThat(store.keyOf(store.uri("inputs/a.png"))).isEqualTo("inputs/a.png");
        assertThatThrownBy(() -> store.presignGet("a.png", Duration.ofDays(8)))
                .hasMessageContaining("between 1 s and 7 days");
    }

    @Test
    void missingObjectIsNotFoundAndNotRetried() {
        store.ensureBucket();
        assertThatThrownBy(() -> store.get("inputs/missing.png"))
                .isInstanceOf(ObjectNotFoundException.class)
                .hasMessageContaining("no object at s3://" + store.bucket() + "/inputs/missing.png")
                .satisfies(e -> assertThat(((StorageException) e).isTransient()).isFalse());
    }

    @Test
    void unreachableServerIsTransientAfterRetries() {
        ObjectStore down = new ObjectStore(StorageSettings.of(URI.create("http://127.0.0.1:1"), "a", "b")
                .withRetries(2, Duration.ofMillis(1)));
        assertThatThrownBy(() -> down.get("a.png"))
                .isInstanceOf(StorageException.class)
                .satisfies(e -> assertThat(((StorageException) e).isTransient()).isTrue());
    }

    @Test
    void settingsNeverPrintTheSecret() {
        StorageSettings s = settings(stack);
        assertThat(s.toString()).doesNotContain(stack.secretKey()).contains("secretKey=****");
        assertThatThrownBy(() -> StorageSettings.of(URI.create("ftp://x"), "a", "b"))
                .hasMessageContaining("http(s) URL");
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        new Random(n).nextBytes(bytes);
        return bytes;
    }
}
