package io.github.cyclegan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;

/**
 * Runs {@code cyclegan local --no-workers} as its own process, exactly as the launcher does, and uses it from this one;
 * the CLI tests that need workers share {@link CliSystem}, which runs {@code cyclegan local} with them.
 */
class LocalCommandTest {

    @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.ALWAYS)
    Path tmp;

    @Test
    void servesKafkaAndS3ToOtherProcessesStopsOnSigtermAndKeepsDataAcrossRestarts() throws Exception {
        int kafkaPort = CliSystem.freePort();
        int s3Port = CliSystem.freePort();
        Path dataDir = tmp.resolve("stack");
        byte[] payload = "kept across restarts".getBytes(StandardCharsets.UTF_8);

        Process first = start(kafkaPort, s3Port, dataDir);
        try {
            List<String> banner = CliSystem.awaitBanner(first, Duration.ofSeconds(30));
            assertThat(banner).anySatisfy(l -> assertThat(l).contains("Kafka bootstrap servers : 127.0.0.1:" + kafkaPort));
            assertThat(banner).anySatisfy(l -> assertThat(l).contains("export CYCLEGAN_STORAGE_ENDPOINT=http://127.0.0.1:" + s3Port));
            try (Admin admin = admin(kafkaPort)) {
                admin.createTopics(List.of(new NewTopic("persisted", 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
            }
            MinioClient minio = minio(s3Port);
            minio.makeBucket(MakeBucketArgs.builder().bucket("persisted").build());
            minio.putObject(PutObjectArgs.builder().bucket("persisted").object("o.txt")
                    .stream(new ByteArrayInputStream(payload), payload.length, -1).build());
        } finally {
            stop(first);
        }
        assertThat(first.exitValue()).as("exit code after SIGTERM").isIn(0, 143);
        assertThat(first.isAlive()).isFalse();

        Process second = start(kafkaPort, s3Port, dataDir);
        try {
            CliSystem.awaitBanner(second, Duration.ofSeconds(30));
            try (Admin admin = admin(kafkaPort)) {
                assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).contains("persisted");
            }
            MinioClient minio = minio(s3Port);
            assertThat(minio.bucketExists(BucketExistsArgs.builder().bucket("persisted").build())).isTrue();
            try (var in = minio.getObject(GetObjectArgs.builder().bucket("persisted").object("o.txt").build())) {
                assertThat(in.readAllBytes()).isEqualTo(payload);
            }
        } finally {
            stop(second);
        }
    }

    @Test
    void refusesAPortInUseWithAClearMessage() throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            var err = new java.io.StringWriter();
            var cli = CycleganCli.commandLine();
            cli.setErr(new java.io.PrintWriter(err));
            int code = cli.execute("local", "--kafka-port", String.valueOf(busy.getLocalPort()),
                    "--data-dir", tmp.resolve("unused").toString());
            assertThat(code).isEqualTo(2);
            assertThat(err.toString()).contains("port " + busy.getLocalPort() + " on 127.0.0.1 is already in use")
                    .contains("--kafka-port");
        }
    }

    @Test
    void startsBothWorkersAndSaysReadyOnceTheyAre() throws Exception {
        CliSystem system = CliSystem.get();

        assertThat(system.banner).anySatisfy(l -> assertThat(l).matches("Starting the training worker on port \\d+ "
                + "\\(log: .*training-worker\\.log\\) \\.\\.\\."));
        assertThat(system.banner).anySatisfy(l -> assertThat(l).matches("Starting the inference worker on port \\d+ "
                + "\\(log: .*inference-worker\\.log\\) \\.\\.\\."));
        assertThat(system.banner).anySatisfy(l -> assertThat(l).startsWith("Workers are ready in "));
        assertThat(system.banner).contains("ready: try ./cyclegan dataset upload, train, translate");
        List<String> urls = system.banner.stream().filter(l -> l.contains("worker  ") && l.contains("(/q/health"))
                .map(l -> l.replaceAll(".*: (http://\\S+) .*", "$1")).toList();
        assertThat(urls).hasSize(2);
        HttpClient http = HttpClient.newHttpClient();
        for (String url : urls) {
            HttpResponse<String> ready = http.send(HttpRequest.newBuilder(URI.create(url + "/q/health/ready")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(ready.statusCode()).as(url).isEqualTo(200);
        }
        assertThat(Files.readString(system.dataDir.resolve("training-worker.log"))).contains("started in");
    }

    @Test
    void saysHowToBuildMissingWorkersBeforeStartingAnything() {
        CliSystem.Result result = CliSystem.runAlone("local", "--home", tmp.resolve("empty").toString(),
                "--data-dir", tmp.resolve("unused").toString(), "--kafka-port", "0", "--s3-port", "0",
                "--training-port", "0", "--inference-port", "0");

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.err()).contains("error: no packaged training-worker at " + tmp.resolve("empty")
                + "/training-worker/target/quarkus-app/quarkus-run.jar: build the project first")
                .contains("--no-workers").doesNotContain("\tat ");
        assertThat(tmp.resolve("unused")).doesNotExist();
    }

    private static Process start(int kafkaPort, int s3Port, Path dataDir) throws IOException {
        return CliSystem.startLocal(Map.of(), "--no-workers", "--kafka-port", String.valueOf(kafkaPort),
                "--s3-port", String.valueOf(s3Port), "--data-dir", dataDir.toString());
    }

    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("cyclegan local did not stop within 30 s of SIGTERM");
        }
    }

    private static Admin admin(int kafkaPort) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + kafkaPort);
        return Admin.create(p);
    }

    private static MinioClient minio(int s3Port) {
        return MinioClient.builder().endpoint("http://127.0.0.1:" + s3Port)
                .credentials("cyclegan", "cyclegan-local-secret").region("us-east-1").build();
    }
}
