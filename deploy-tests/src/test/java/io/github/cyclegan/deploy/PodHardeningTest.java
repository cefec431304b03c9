package io.github.cyclegan.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The pods of the system (both workers and the topics Job) run with a read-only root file system and scratch space
 * on an emptyDir at /tmp, without a service-account token, and the workers sit behind a NetworkPolicy that opens
 * their HTTP port only and lets them reach DNS, the brokers and the object store the overlay configures.
 */
class PodHardeningTest {

    static Stream<String> overlays() {
        return Stream.of(KubernetesManifestTest.LOCAL, KubernetesManifestTest.PRODUCTION);
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void ourPodsHaveAReadOnlyRootNoTokenAndATmpVolume(String overlay) {
        Cluster cluster = KubernetesManifestTest.cluster(overlay);
        List<PodSpec> ours = new ArrayList<>();
        for (Worker worker : Worker.values()) {
            ours.add(cluster.worker(worker).getSpec().getTemplate().getSpec());
        }
        ours.add(cluster.get(Job.class, "cyclegan-create-topics").getSpec().getTemplate().getSpec());
        for (PodSpec pod : ours) {
            assertThat(pod.getAutomountServiceAccountToken()).isFalse();
            for (Container c : pod.getContainers()) {
                assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).as(c.getName()).isTrue();
                assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).as(c.getName()).isFalse();
                String tmp = c.getVolumeMounts().stream().filter(m -> m.getMountPath().equals("/tmp")).findFirst()
                        .orElseThrow(() -> new AssertionError(c.getName() + " mounts nothing at /tmp")).getName();
                Volume volume = pod.getVolumes().stream().filter(v -> v.getName().equals(tmp)).findFirst().orElseThrow();
                assertThat(volume.getEmptyDir()).as("%s's /tmp", c.getName()).isNotNull();
            }
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void aNetworkPolicyOpensOnlyTheHttpPortAndTheConfiguredServices(String overlay) {
        Cluster cluster = KubernetesManifestTest.cluster(overlay);
        NetworkPolicy policy = cluster.get(NetworkPolicy.class, "cyclegan-workers");
        assertThat(policy.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
        List<String> selected = policy.getSpec().getPodSelector().getMatchExpressions().get(0).getValues();
        for (Worker worker : Worker.values()) {
            Deployment d = cluster.worker(worker);
            assertThat(selected).contains(d.getSpec().getTemplate().getMetadata().getLabels()
                    .get(policy.getSpec().getPodSelector().getMatchExpressions().get(0).getKey()));
        }
        assertThat(policy.getSpec().getIngress()).allSatisfy(rule -> assertThat(rule.getPorts())
                .extracting(NetworkPolicyPort::getPort).containsExactly(new IntOrString("http")));

        Set<Integer> egress = new java.util.HashSet<>();
        policy.getSpec().getEgress().forEach(rule -> rule.getPorts().forEach(p -> egress.add(p.getPort().getIntVal())));
        assertThat(egress).as("DNS").contains(53);
        for (String broker : cluster.configValue("cyclegan-config", "KAFKA_BOOTSTRAP_SERVERS").split(",")) {
            assertThat(egress).as("broker %s", broker)
                    .contains(Integer.parseInt(broker.substring(broker.lastIndexOf(':') + 1)));
        }
        URI storage = URI.create(cluster.configValue("cyclegan-config", "CYCLEGAN_STORAGE_ENDPOINT"));
        int storagePort = storage.getPort() > 0 ? storage.getPort() : Map.of("https", 443, "http", 80)
                .get(storage.getScheme());
        assertThat(egress).as("object store %s", storage).contains(storagePort);
    }
}
