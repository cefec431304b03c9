package io.github.cyclegan.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.github.cyclegan.deploy.Cluster.ScaledObject;
import io.github.cyclegan.deploy.Cluster.ServiceMonitor;
import io.github.cyclegan.deploy.Cluster.Trigger;
import io.github.cyclegan.deploy.Cluster.TriggerAuthentication;
import io.github.cyclegan.messaging.Topics;

/** deploy/k8s rendered per overlay and checked against the workers' code. */
class KubernetesManifestTest {

    static final String LOCAL = "deploy/k8s/overlays/local";
    static final String PRODUCTION = "deploy/k8s/overlays/production";
    private static final Map<String, Cluster> RENDERED = new HashMap<>();

    /** Parameters of KEDA's kafka scaler (keda.sh, scalers/apache-kafka). */
    private static final Set<String> KEDA_KAFKA_PARAMETERS = Set.of("bootstrapServers", "consumerGroup", "topic",
            "lagThreshold", "activationLagThreshold", "offsetResetPolicy", "allowIdleConsumers",
            "scaleToZeroOnInvalidOffset", "excludePersistentLag", "limitToPartitionsWithLag", "version",
            "partitionLimitation", "sasl", "tls", "unsafeSsl");
    /** TriggerAuthentication parameters of the kafka scaler. */
    private static final Set<String> KEDA_KAFKA_AUTH = Set.of("sasl", "username", "password", "tls", "ca", "cert",
            "key", "keyPassword");

    static Stream<String> overlays() {
        return Stream.of(LOCAL, PRODUCTION);
    }

    static Stream<Arguments> overlaysAndWorkers() {
        return overlays().flatMap(o -> Stream.of(Worker.values()).map(w -> Arguments.of(o, w)));
    }

    static Cluster cluster(String overlay) {
        return RENDERED.computeIfAbsent(overlay, Cluster::render);
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyObjectIsAValidKubernetesObjectAndEveryPatchHitsOne(String overlay) {
        // Rendering parses every object strictly; a patch that targets nothing fails inside it.
        Cluster cluster = cluster(overlay);
        assertThat(cluster.all(Deployment.class)).extracting(d -> d.getMetadata().getName())
                .contains("training-worker", "inference-worker");
        assertThat(cluster.all(Service.class)).allSatisfy(s -> assertThat(s.getMetadata().getNamespace())
                .as("the overlay puts everything in one namespace").isEqualTo("cyclegan"));
    }

    @Test
    void aMisspeltFieldFailsToParse() {
        JsonNode deployment = Yaml.document("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: x}
                spec:
                  template:
                    spec:
                      containers:
                        - name: x
                          image: x:1
                          livenesProbe: {httpGet: {path: /q/health/live, port: 8080}}
                """, "inline");
        assertThatThrownBy(() -> Yaml.strict(deployment, Deployment.class, "inline"))
                .hasMessageContaining("livenesProbe");
        JsonNode scaledObject = Yaml.document("""
                apiVersion: keda.sh/v1alpha1
                kind: ScaledObject
                metadata: {name: x}
                spec: {scaleTargetRef: {name: x}, maxReplicas: 3}
                """, "inline");
        assertThatThrownBy(() -> Yaml.strict(scaledObject, ScaledObject.class, "inline"))
                .hasMessageContaining("maxReplicas");
    }

    @ParameterizedTest
    @MethodSource("overlaysAndWorkers")
    void everyVariableAWorkerGetsIsAKeyItReads(String overlay, Worker worker) {
        Cluster cluster = cluster(overlay);
        List<String> names = new ArrayList<>(envNames(cluster, cluster.workerContainer(worker)));
        assertThat(EnvVars.unread(worker, names)).as("%s %s: variables that name no key the worker reads", overlay, worker)
                .isEmpty();
    }

    @ParameterizedTest
    @MethodSource("overlaysAndWorkers")
    void probesAndPortsAreTheWorkersHealthEndpoints(String overlay, Worker worker) {
        Cluster cluster = cluster(overlay);
        Container c = cluster.workerContainer(worker);
        int port = httpPort(cluster, worker, c);
        assertThat(c.getPorts()).as("the named port").anySatisfy(p -> {
            assertThat(p.getName()).isEqualTo("http");
            assertThat(p.getContainerPort()).isEqualTo(port);
        });
        assertProbe(c.getLivenessProbe(), "/q/health/live");
        assertProbe(c.getReadinessProbe(), "/q/health/ready");
        assertProbe(c.getStartupProbe(), "/q/health/live");

        Map<String, String> annotations = cluster.worker(worker).getSpec().getTemplate().getMetadata().getAnnotations();
        assertThat(annotations).containsEntry("prometheus.io/scrape", "true")
                .containsEntry("prometheus.io/port", String.valueOf(port))
                .containsEntry("prometheus.io/path", "/q/metrics");

        Service service = cluster.get(Service.class, worker.module);
        assertThat(service.getSpec().getSelector()).isEqualTo(cluster.worker(worker).getSpec().getSelector().getMatchLabels());
        assertThat(service.getSpec().getPorts()).extracting(ServicePort::getName).contains("http");
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void imagesArePinnedAndOursCarryTheProjectVersion(String overlay) {
        for (Container c : cluster(overlay).containers()) {
            String image = c.getImage();
            assertThat(image).as("%s: %s's image has a tag", overlay, c.getName()).matches("[^:@]+:[^:]+");
            assertThat(image).as("%s: %s", overlay, c.getName()).doesNotEndWith(":latest");
            if (image.startsWith("cyclegan/")) {
                assertThat(image).as("%s: %s", overlay, c.getName()).matches("cyclegan/(training|inference)-worker:"
                        + java.util.regex.Pattern.quote(Repo.VERSION) + "(-cu128)?");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyContainerHasRequestsAndAMemoryLimit(String overlay) {
        for (Container c : cluster(overlay).containers()) {
            assertThat(c.getResources()).as("%s: %s resources", overlay, c.getName()).isNotNull();
            assertThat(c.getResources().getRequests()).as("%s: %s requests", overlay, c.getName()).containsKeys("cpu", "memory");
            assertThat(c.getResources().getLimits()).as("%s: %s limits", overlay, c.getName()).containsKey("memory");
            assertThat(amount(c.getResources().getLimits().get("memory")))
                    .isGreaterThanOrEqualTo(amount(c.getResources().getRequests().get("memory")));
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void libtorchThreadsMatchThePodsCpu(String overlay) {
        Cluster cluster = cluster(overlay);
        Container inference = cluster.workerContainer(Worker.INFERENCE);
        assertThat(new BigDecimal(env(inference, "CYCLEGAN_INFERENCE_THREADS")))
                .isEqualByComparingTo(amount(inference.getResources().getLimits().get("cpu")));
        Container training = cluster.workerContainer(Worker.TRAINING);
        assertThat(new BigDecimal(env(training, "OMP_NUM_THREADS")))
                .isEqualByComparingTo(amount(training.getResources().getRequests().get("cpu")));
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void terminationGraceOutlastsTheWorkersOwnShutdown(String overlay) {
        Cluster cluster = cluster(overlay);
        Duration trainingShutdown = max(Worker.TRAINING.durationProperty("cyclegan.training.shutdown-grace"),
                Worker.TRAINING.durationProperty("quarkus.shutdown.timeout"));
        assertThat(envOrNull(cluster.workerContainer(Worker.TRAINING), "CYCLEGAN_TRAINING_SHUTDOWN_GRACE")).isNull();
        assertThat(grace(cluster.worker(Worker.TRAINING))).as("training: above %s", trainingShutdown)
                .isGreaterThan(trainingShutdown.plusSeconds(10));
        Duration drain = Worker.INFERENCE.durationProperty("cyclegan.inference.shutdown-drain-timeout");
        assertThat(envOrNull(cluster.workerContainer(Worker.INFERENCE), "CYCLEGAN_INFERENCE_SHUTDOWN_DRAIN_TIMEOUT")).isNull();
        assertThat(grace(cluster.worker(Worker.INFERENCE))).as("inference: above %s", drain)
                .isGreaterThan(drain.plusSeconds(10));
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void kedaScalesTheInferenceGroupOnItsTopicWithinThePartitions(String overlay) {
        Cluster cluster = cluster(overlay);
        ScaledObject so = cluster.scaledObject();
        assertThat(so.spec().scaleTargetRef().name()).isEqualTo(Worker.INFERENCE.module);
        assertThat(cluster.worker(Worker.INFERENCE).getSpec().getReplicas()).as("KEDA owns the replica count").isNull();
        assertThat(so.spec().triggers()).hasSize(1);
        Trigger trigger = so.spec().triggers().get(0);
        assertThat(trigger.type()).isEqualTo("kafka");
        assertThat(KEDA_KAFKA_PARAMETERS).containsAll(trigger.metadata().keySet());
        Map<String, String> m = trigger.metadata();
        // The worker's default for cyclegan.topics.translation-requests is this constant (TopicsScriptTest).
        assertThat(m.get("topic")).isEqualTo(Topics.TRANSLATION_REQUESTS);
        assertThat(Worker.INFERENCE.property("cyclegan.topics.translation-requests")).as("not overridden").isNull();
        assertThat(Worker.INFERENCE.property("mp.messaging.incoming.requests.topic"))
                .isEqualTo("${cyclegan.topics.translation-requests}");
        assertThat(m.get("consumerGroup")).isEqualTo(Worker.INFERENCE.property("mp.messaging.incoming.requests.group.id"));
        assertThat(m.get("offsetResetPolicy"))
                .isEqualTo(Worker.INFERENCE.property("mp.messaging.incoming.requests.auto.offset.reset"));
        assertThat(m.get("bootstrapServers")).isEqualTo(cluster.configValue("cyclegan-config", "KAFKA_BOOTSTRAP_SERVERS"));
        assertThat(Integer.parseInt(m.get("lagThreshold"))).isPositive();
        assertThat(Integer.parseInt(m.get("activationLagThreshold"))).isNotNegative();

        int partitions = TopicsScript.read().partitions(Topics.TRANSLATION_REQUESTS);
        assertThat(so.spec().maxReplicaCount()).as("%s: max replicas <= %d partitions", overlay, partitions)
                .isPositive().isLessThanOrEqualTo(partitions);
        assertThat(so.spec().minReplicaCount()).isNotNegative().isLessThanOrEqualTo(so.spec().maxReplicaCount());

        if (trigger.authenticationRef() != null) {
            TriggerAuthentication auth = cluster.all(TriggerAuthentication.class).stream()
                    .filter(a -> a.metadata().getName().equals(trigger.authenticationRef().name())).findFirst()
                    .orElseThrow(() -> new AssertionError(overlay + ": no TriggerAuthentication " + trigger.authenticationRef().name()));
            assertThat(auth.spec().secretTargetRef()).allSatisfy(r -> assertThat(KEDA_KAFKA_AUTH).contains(r.parameter()));
        } else {
            assertThat(cluster.configValue("cyclegan-config", "KAFKA_SECURITY_PROTOCOL"))
                    .as("a broker with security needs KEDA to authenticate too").isNull();
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void theInferencePodDisruptionBudgetCoversItsPods(String overlay) {
        Cluster cluster = cluster(overlay);
        PodDisruptionBudget pdb = cluster.get(PodDisruptionBudget.class, Worker.INFERENCE.module);
        assertThat(pdb.getSpec().getSelector().getMatchLabels())
                .isEqualTo(cluster.worker(Worker.INFERENCE).getSpec().getSelector().getMatchLabels());
        assertThat(pdb.getSpec().getMaxUnavailable()).as("drainable at one replica or zero").isNotNull();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyReferencedSecretAndConfigMapIsThereOrDocumented(String overlay) {
        Cluster cluster = cluster(overlay);
        Map<String, Set<String>> secrets = new HashMap<>();
        for (PodSpec pod : cluster.podSpecs()) {
            for (Container c : pod.getContainers()) {
                for (EnvVar e : orEmpty(c.getEnv())) {
                    if (e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null) {
                        secrets.computeIfAbsent(e.getValueFrom().getSecretKeyRef().getName(), k -> new TreeSet<>())
                                .add(e.getValueFrom().getSecretKeyRef().getKey());
                    }
                    if (e.getValueFrom() != null && e.getValueFrom().getConfigMapKeyRef() != null) {
                        assertThat(cluster.configValue(e.getValueFrom().getConfigMapKeyRef().getName(),
                                e.getValueFrom().getConfigMapKeyRef().getKey())).as("%s: %s", overlay, e.getName()).isNotNull();
                    }
                }
                for (EnvFromSource from : orEmpty(c.getEnvFrom())) {
                    cluster.get(ConfigMap.class, from.getConfigMapRef().getName());
                }
            }
            orEmpty(pod.getVolumes()).forEach(v -> {
                if (v.getConfigMap() != null) {
                    cluster.get(ConfigMap.class, v.getConfigMap().getName());
                }
                if (v.getSecret() != null) {
                    v.getSecret().getItems().forEach(i -> secrets.computeIfAbsent(v.getSecret().getSecretName(),
                            k -> new TreeSet<>()).add(i.getKey()));
                }
            });
        }
        cluster.all(TriggerAuthentication.class).forEach(a -> a.spec().secretTargetRef()
                .forEach(r -> secrets.computeIfAbsent(r.name(), k -> new TreeSet<>()).add(r.key())));

        String operations = Repo.read("docs/operations.md");
        secrets.forEach((name, keys) -> {
            var secret = cluster.find(Secret.class, name);
            if (secret.isPresent()) {
                assertThat(secret.get().getStringData()).as("%s: Secret %s", overlay, name).containsKeys(keys.toArray(String[]::new));
            } else {
                assertThat(operations).as("%s: docs/operations.md tells how to create Secret %s", overlay, name)
                        .contains("kubectl -n cyclegan create secret generic " + name);
                keys.forEach(key -> assertThat(operations).as("%s: Secret %s key %s documented", overlay, name, key)
                        .containsPattern("--from-(literal|file)=" + java.util.regex.Pattern.quote(key) + "="));
            }
        });
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void theTopicsJobRunsTheScriptComposeRuns(String overlay) {
        Cluster cluster = cluster(overlay);
        assertThat(cluster.configValue("cyclegan-create-topics", "create-topics.sh")).isEqualTo(Repo.read(TopicsScript.PATH));
        Container job = cluster.get(io.fabric8.kubernetes.api.model.batch.v1.Job.class, "cyclegan-create-topics")
                .getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(job.getCommand()).containsExactly("/bin/bash", "/scripts/create-topics.sh");
        String script = Repo.read(TopicsScript.PATH);
        // LOG_DIR is the image's kafka-run-class.sh's, kept off the read-only root file system.
        envNames(cluster, job).stream().filter(name -> !name.equals("LOG_DIR"))
                .forEach(name -> assertThat(script).as("the script reads %s", name).contains("${" + name));
    }

    /**
     * Production keeps three copies of every partition and acknowledges a record once two hold it, so one broker may
     * fail without losing a record a producer (all of them use acks=all) took as published; one local broker keeps
     * one copy, which the script's defaults give.
     */
    @Test
    void productionTopicsAreReplicatedAndAcknowledgedByTwoReplicas() {
        String script = Repo.read(TopicsScript.PATH);
        assertThat(script).contains("replication=\"${REPLICATION_FACTOR:-1}\"", "min_insync=\"${MIN_INSYNC_REPLICAS:-1}\"",
                "--replication-factor \"$replication\" --config \"min.insync.replicas=$min_insync\"");
        assertThat(topicsJobEnv(PRODUCTION)).containsEntry("REPLICATION_FACTOR", "3").containsEntry("MIN_INSYNC_REPLICAS", "2");
        assertThat(topicsJobEnv(LOCAL)).doesNotContainKeys("REPLICATION_FACTOR", "MIN_INSYNC_REPLICAS");
    }

    private static Map<String, String> topicsJobEnv(String overlay) {
        Container job = cluster(overlay).get(io.fabric8.kubernetes.api.model.batch.v1.Job.class, "cyclegan-create-topics")
                .getSpec().getTemplate().getSpec().getContainers().get(0);
        Map<String, String> env = new java.util.HashMap<>();
        job.getEnv().forEach(e -> env.put(e.getName(), e.getValue()));
        return env;
    }

    @Test
    void productionTrainsOnAGpuWithTheCudaImage() {
        Cluster cluster = cluster(PRODUCTION);
        PodSpec pod = cluster.worker(Worker.TRAINING).getSpec().getTemplate().getSpec();
        Container c = cluster.workerContainer(Worker.TRAINING);
        assertThat(c.getImage()).endsWith("-cu128");
        assertThat(c.getResources().getLimits()).containsEntry("nvidia.com/gpu", new Quantity("1"));
        assertThat(pod.getTolerations()).anySatisfy(t -> assertThat(t.getKey()).isEqualTo("nvidia.com/gpu"));
        assertThat(pod.getNodeSelector()).containsKey("nvidia.com/gpu.present");
        assertThat(cluster(LOCAL).workerContainer(Worker.TRAINING).getResources().getLimits()).doesNotContainKey("nvidia.com/gpu");
    }

    @Test
    void prometheusScrapesTheWorkersServicesInProduction() {
        Cluster cluster = cluster(PRODUCTION);
        ServiceMonitor monitor = cluster.all(ServiceMonitor.class).get(0);
        for (Worker worker : Worker.values()) {
            Service service = cluster.get(Service.class, worker.module);
            assertThat(service.getMetadata().getLabels()).containsAllEntriesOf(monitor.spec().selector().getMatchLabels());
            assertThat(service.getSpec().getPorts()).extracting(ServicePort::getName).contains(monitor.spec().endpoints().get(0).port());
        }
        assertThat(monitor.spec().endpoints()).allSatisfy(e -> assertThat(e.path()).isEqualTo("/q/metrics"));
    }

    // --- helpers

    private static List<String> envNames(Cluster cluster, Container c) {
        List<String> names = new ArrayList<>();
        orEmpty(c.getEnv()).forEach(e -> names.add(e.getName()));
        for (EnvFromSource from : orEmpty(c.getEnvFrom())) {
            names.addAll(cluster.get(ConfigMap.class, from.getConfigMapRef().getName()).getData().keySet());
        }
        return names;
    }

    private static int httpPort(Cluster cluster, Worker worker, Container c) {
        String fromEnv = envOrNull(c, "QUARKUS_HTTP_PORT");
        if (fromEnv != null) {
            return Integer.parseInt(fromEnv);
        }
        String configured = worker.property("quarkus.http.port");
        return configured == null ? 8080 : Integer.parseInt(configured);
    }

    private static void assertProbe(Probe probe, String path) {
        assertThat(probe).isNotNull();
        HTTPGetAction get = probe.getHttpGet();
        assertThat(get.getPath()).isEqualTo(path);
        assertThat(get.getPort().getStrVal()).isEqualTo("http");
    }

    static String env(Container c, String name) {
        String value = envOrNull(c, name);
        if (value == null) {
            throw new AssertionError(c.getName() + " sets no " + name);
        }
        return value;
    }

    static String envOrNull(Container c, String name) {
        return orEmpty(c.getEnv()).stream().filter(e -> e.getName().equals(name)).map(EnvVar::getValue).findFirst().orElse(null);
    }

    private static BigDecimal amount(Quantity q) {
        return Quantity.getAmountInBytes(q);
    }

    private static Duration grace(Deployment d) {
        return Duration.ofSeconds(d.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds());
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
