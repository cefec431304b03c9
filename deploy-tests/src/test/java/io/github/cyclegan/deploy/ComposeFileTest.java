package io.github.cyclegan.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.fasterxml.jackson.databind.JsonNode;

import io.github.cyclegan.messaging.Topics;

/** docker-compose.yml (and the GPU override) against the workers, the Dockerfile and the topics script. */
class ComposeFileTest {

    private static final JsonNode COMPOSE = Yaml.document(Repo.read("docker-compose.yml"), "docker-compose.yml");
    private static final JsonNode GPU = Yaml.document(Repo.read("docker-compose.gpu.yml"), "docker-compose.gpu.yml");

    private static JsonNode service(JsonNode compose, String name) {
        JsonNode s = compose.path("services").path(name);
        assertThat(s.isObject()).as("service %s", name).isTrue();
        return s;
    }

    @ParameterizedTest
    @EnumSource(Worker.class)
    void everyVariableAWorkerGetsIsAKeyItReads(Worker worker) {
        List<String> names = new ArrayList<>();
        service(COMPOSE, worker.module).path("environment").fieldNames().forEachRemaining(names::add);
        assertThat(names).contains("KAFKA_BOOTSTRAP_SERVERS", "CYCLEGAN_STORAGE_ENDPOINT", "CYCLEGAN_STORAGE_ACCESS_KEY",
                "CYCLEGAN_STORAGE_SECRET_KEY");
        assertThat(EnvVars.unread(worker, names)).as("%s: variables that name no key the worker reads", worker).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Worker.class)
    void workersAreBuiltFromThisCheckoutAndStartAfterTheirTopicsAndBucket(Worker worker) {
        JsonNode s = service(COMPOSE, worker.module);
        assertThat(s.path("image").asText()).isEqualTo("cyclegan/" + worker.module + ":" + Repo.VERSION);
        assertThat(s.path("build").path("context").asText()).isEqualTo(".");
        Repo.path(s.path("build").path("dockerfile").asText());
        assertThat(s.path("build").path("args").path("WORKER").asText()).isEqualTo(worker.module);
        assertThat(s.path("depends_on").path("init").path("condition").asText()).isEqualTo("service_completed_successfully");
        assertThat(s.path("depends_on").path("init-bucket").path("condition").asText()).isEqualTo("service_completed_successfully");

        String port = worker.property("quarkus.http.port") == null ? "8080" : worker.property("quarkus.http.port");
        assertThat(s.path("healthcheck").path("test").toString()).contains("http://localhost:" + port + "/q/health/ready");
        assertThat(s.path("ports").get(0).asText()).endsWith(":" + port);
    }

    /** Published ports are for this machine only: compose runs the system unauthenticated and in plain text. */
    @Test
    void everyPublishedPortIsBoundToLoopback() {
        List<String> published = new ArrayList<>();
        COMPOSE.path("services").forEach(service -> service.path("ports").forEach(p -> published.add(p.asText())));
        assertThat(published).isNotEmpty().allSatisfy(p -> assertThat(p).startsWith("127.0.0.1:"));
    }

    @Test
    void initRunsAfterHealthyInfrastructureAndCreatesTopicsWithTheSharedScript() {
        assertThat(service(COMPOSE, "kafka").path("healthcheck").isObject()).isTrue();
        assertThat(service(COMPOSE, "minio").path("healthcheck").isObject()).isTrue();
        JsonNode init = service(COMPOSE, "init");
        assertThat(init.path("depends_on").path("kafka").path("condition").asText()).isEqualTo("service_healthy");
        assertThat(service(COMPOSE, "init-bucket").path("depends_on").path("minio").path("condition").asText())
                .isEqualTo("service_healthy");
        String mount = init.path("volumes").get(0).asText();
        assertThat(mount).startsWith("./" + TopicsScript.PATH + ":");
        String inContainer = mount.split(":")[1];
        assertThat(init.path("entrypoint").toString()).contains(inContainer);
        assertThat(init.path("environment").path("KAFKA_BOOTSTRAP_SERVERS").asText())
                .isEqualTo(service(COMPOSE, "inference-worker").path("environment").path("KAFKA_BOOTSTRAP_SERVERS").asText());
        assertThat(service(COMPOSE, "init-bucket").path("command").toString())
                .contains("local/" + Worker.INFERENCE.property("cyclegan.storage.bucket"));
    }

    @Test
    void inferenceReplicasFitTheRequestsPartitionsAndThreadsTheirCpus() {
        JsonNode deploy = service(COMPOSE, "inference-worker").path("deploy");
        int replicas = deploy.path("replicas").asInt();
        assertThat(replicas).isEqualTo(2).isLessThanOrEqualTo(TopicsScript.read().partitions(Topics.TRANSLATION_REQUESTS));
        String ports = service(COMPOSE, "inference-worker").path("ports").get(0).asText();
        String[] range = ports.split(":")[1].split("-");
        assertThat(Integer.parseInt(range[1]) - Integer.parseInt(range[0]) + 1).as("one host port per replica").isEqualTo(replicas);
        assertThat(service(COMPOSE, "inference-worker").path("environment").path("CYCLEGAN_INFERENCE_THREADS").asText())
                .isEqualTo(deploy.path("resources").path("limits").path("cpus").asText());
        assertThat(service(COMPOSE, "training-worker").path("environment").path("OMP_NUM_THREADS").asText())
                .isEqualTo(service(COMPOSE, "training-worker").path("deploy").path("resources").path("limits").path("cpus").asText());
    }

    @Test
    void stopGracePeriodsOutlastTheWorkersOwnShutdown() {
        Duration training = duration(service(COMPOSE, "training-worker").path("stop_grace_period").asText());
        assertThat(training).isGreaterThan(Worker.TRAINING.durationProperty("quarkus.shutdown.timeout").plusSeconds(10))
                .isGreaterThan(Worker.TRAINING.durationProperty("cyclegan.training.shutdown-grace").plusSeconds(10));
        Duration inference = duration(service(COMPOSE, "inference-worker").path("stop_grace_period").asText());
        assertThat(inference).isGreaterThan(Worker.INFERENCE.durationProperty("cyclegan.inference.shutdown-drain-timeout")
                .plusSeconds(10));
    }

    @Test
    void everyImageIsPinned() {
        for (JsonNode compose : List.of(COMPOSE, GPU)) {
            compose.path("services").fields().forEachRemaining(e -> {
                String image = e.getValue().path("image").asText();
                assertThat(image).as("service %s", e.getKey()).matches("[^:@]+:[^:]+").doesNotEndWith(":latest");
            });
        }
        assertThat(service(COMPOSE, "kafka").path("image").asText()).startsWith("apache/kafka:4.1.");
        assertThat(service(COMPOSE, "minio").path("image").asText()).startsWith("minio/minio:RELEASE.");
    }

    @Test
    void theGpuOverrideBuildsTheCudaFlavourAndReservesAGpu() {
        JsonNode training = service(GPU, "training-worker");
        assertThat(training.path("image").asText()).isEqualTo("cyclegan/training-worker:" + Repo.VERSION + "-cu128");
        JsonNode args = training.path("build").path("args");
        assertThat(args.path("MAVEN_PROFILES").asText()).isEqualTo("-Pcuda");
        assertThat(args.path("ENGINE_CHECK").asText()).isEqualTo("false");
        assertThat(args.path("RUNTIME_IMAGE").asText()).matches("nvidia/cuda:12\\.8\\.[0-9]+-runtime-ubuntu24\\.04");
        assertThat(Repo.read("training-worker/pom.xml")).contains("<id>cuda</id>").contains("<artifactId>pytorch-native-cu128</artifactId>");
        Repo.path(training.path("build").path("dockerfile").asText());
        JsonNode device = training.path("deploy").path("resources").path("reservations").path("devices").get(0);
        assertThat(device.path("driver").asText()).isEqualTo("nvidia");
        assertThat(device.path("capabilities").toString()).contains("gpu");
    }

    /** Compose's duration syntax as used here: 45s, 2m. */
    private static Duration duration(String text) {
        assertThat(text).matches("[0-9]+[sm]");
        long n = Long.parseLong(text.substring(0, text.length() - 1));
        return text.endsWith("m") ? Duration.ofMinutes(n) : Duration.ofSeconds(n);
    }
}
