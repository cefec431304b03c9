package io.github.cyclegan.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

/** One rendered overlay as typed objects: Kubernetes' own model for built-in kinds, records for the CRDs. */
final class Cluster {

    // KEDA and Prometheus Operator objects: only the fields these manifests may use.
    record ScaledObject(String apiVersion, String kind, ObjectMeta metadata, ScaledObjectSpec spec) {}

    record ScaledObjectSpec(TargetRef scaleTargetRef, Integer pollingInterval, Integer cooldownPeriod,
            Integer minReplicaCount, Integer maxReplicaCount, List<Trigger> triggers) {}

    record TargetRef(String name) {}

    record Trigger(String type, Map<String, String> metadata, AuthRef authenticationRef) {}

    record AuthRef(String name) {}

    record TriggerAuthentication(String apiVersion, String kind, ObjectMeta metadata, TriggerAuthSpec spec) {}

    record TriggerAuthSpec(List<SecretTargetRef> secretTargetRef) {}

    record SecretTargetRef(String parameter, String name, String key) {}

    record ServiceMonitor(String apiVersion, String kind, ObjectMeta metadata, ServiceMonitorSpec spec) {}

    record ServiceMonitorSpec(LabelSelector selector, List<Endpoint> endpoints) {}

    record Endpoint(String port, String path, String interval) {}

    private static final Map<String, Class<?>> TYPES = Map.ofEntries(
            Map.entry("v1/Namespace", Namespace.class),
            Map.entry("v1/ConfigMap", ConfigMap.class),
            Map.entry("v1/Secret", Secret.class),
            Map.entry("v1/Service", Service.class),
            Map.entry("apps/v1/Deployment", Deployment.class),
            Map.entry("batch/v1/Job", Job.class),
            Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class),
            Map.entry("keda.sh/v1alpha1/ScaledObject", ScaledObject.class),
            Map.entry("keda.sh/v1alpha1/TriggerAuthentication", TriggerAuthentication.class),
            Map.entry("monitoring.coreos.com/v1/ServiceMonitor", ServiceMonitor.class));

    final String name;
    final List<Object> objects = new ArrayList<>();

    private Cluster(String name) {
        this.name = name;
    }

    static Cluster render(String kustomizationDir) {
        Cluster cluster = new Cluster(kustomizationDir);
        for (ObjectNode node : Kustomize.build(kustomizationDir)) {
            String type = node.path("apiVersion").asText() + "/" + node.path("kind").asText();
            Class<?> cls = TYPES.get(type);
            if (cls == null) {
                throw new AssertionError(kustomizationDir + ": " + type + " is not a kind these checks know");
            }
            cluster.objects.add(Yaml.strict(node, cls, kustomizationDir + " " + type + " "
                    + node.path("metadata").path("name").asText()));
        }
        return cluster;
    }

    <T> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends HasMetadata> Optional<T> find(Class<T> type, String name) {
        return all(type).stream().filter(o -> name.equals(o.getMetadata().getName())).findFirst();
    }

    <T extends HasMetadata> T get(Class<T> type, String name) {
        return find(type, name).orElseThrow(() -> new AssertionError(this.name + " has no " + type.getSimpleName() + " " + name));
    }

    /** Every pod template: Deployments' and Jobs'. */
    List<PodSpec> podSpecs() {
        List<PodSpec> specs = new ArrayList<>();
        all(Deployment.class).forEach(d -> specs.add(d.getSpec().getTemplate().getSpec()));
        all(Job.class).forEach(j -> specs.add(j.getSpec().getTemplate().getSpec()));
        return specs;
    }

    List<Container> containers() {
        return podSpecs().stream().flatMap(p -> p.getContainers().stream()).toList();
    }

    Deployment worker(Worker worker) {
        return get(Deployment.class, worker.module);
    }

    Container workerContainer(Worker worker) {
        return worker(worker).getSpec().getTemplate().getSpec().getContainers().stream()
                .filter(c -> worker.module.equals(c.getName())).findFirst()
                .orElseThrow(() -> new AssertionError(name + ": " + worker.module + " has no container of that name"));
    }

    ScaledObject scaledObject() {
        List<ScaledObject> all = all(ScaledObject.class);
        if (all.size() != 1) {
            throw new AssertionError(name + ": expected one ScaledObject, found " + all.size());
        }
        return all.get(0);
    }

    String configValue(String configMap, String key) {
        Map<String, String> data = get(ConfigMap.class, configMap).getData();
        return data == null ? null : data.get(key);
    }
}
