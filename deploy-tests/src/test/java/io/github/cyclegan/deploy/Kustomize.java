package io.github.cyclegan.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Renders a kustomization the way {@code kustomize build} does, for the subset of kustomize these
 * manifests use (no kustomize binary in CI): resources (files and directories), strategic-merge
 * patches by file, images, labels without selectors, namespace, configMapGenerator from files with
 * the name hash disabled. A kustomization field outside that subset fails to parse, so a new one
 * cannot slip past the checks unrendered.
 */
final class Kustomize {

    /** Only these fields; FAIL_ON_UNKNOWN_PROPERTIES rejects any other. */
    record Kustomization(String apiVersion, String kind, String namespace, List<String> resources,
            List<PatchRef> patches, List<Image> images, List<Labels> labels, List<Generator> configMapGenerator,
            GeneratorOptions generatorOptions) {}

    record PatchRef(String path) {}

    record Image(String name, String newName, String newTag) {}

    record Labels(Map<String, String> pairs) {}

    record Generator(String name, List<String> files) {}

    record GeneratorOptions(boolean disableNameSuffixHash) {}

    /**
     * Merge keys of the built-in types' lists, from the Kubernetes API's patchMergeKey tags; lists
     * not named here (tolerations, args, ...) are replaced, as kustomize does.
     */
    private static final Map<String, String> MERGE_KEYS = Map.of(
            "containers", "name", "initContainers", "name", "env", "name", "envFrom", "",
            "volumes", "name", "volumeMounts", "mountPath", "imagePullSecrets", "name");

    /** Kinds kustomize knows the schema of; other kinds (CRDs) get JSON merge patch semantics. */
    private static final Set<String> BUILT_IN = Set.of("Deployment", "Service", "ConfigMap", "Secret", "Job",
            "PodDisruptionBudget", "Namespace");

    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace");

    private Kustomize() {}

    static List<ObjectNode> build(String dir) {
        Path root = Repo.ROOT.resolve(dir).normalize();
        Path file = root.resolve("kustomization.yaml");
        if (!Files.isRegularFile(file)) {
            throw new AssertionError(dir + " has no kustomization.yaml");
        }
        String relative = Repo.ROOT.relativize(file).toString();
        Kustomization k = Yaml.strict(Yaml.document(Repo.read(relative), relative), Kustomization.class, relative);
        if (!"Kustomization".equals(k.kind()) || !"kustomize.config.k8s.io/v1beta1".equals(k.apiVersion())) {
            throw new AssertionError(relative + ": not a kustomize.config.k8s.io/v1beta1 Kustomization");
        }
        List<ObjectNode> objects = new ArrayList<>();
        for (String resource : orEmpty(k.resources())) {
            Path path = root.resolve(resource).normalize();
            if (Files.isDirectory(path)) {
                objects.addAll(build(Repo.ROOT.relativize(path).toString()));
            } else {
                String rel = Repo.ROOT.relativize(path).toString();
                Yaml.documents(Repo.read(rel), rel).forEach(n -> objects.add((ObjectNode) n));
            }
        }
        for (Generator generator : orEmpty(k.configMapGenerator())) {
            if (k.generatorOptions() == null || !k.generatorOptions().disableNameSuffixHash()) {
                throw new AssertionError(relative + ": generated names with a hash suffix are not rendered by this check");
            }
            objects.add(configMap(root, generator));
        }
        for (PatchRef ref : orEmpty(k.patches())) {
            String rel = Repo.ROOT.relativize(root.resolve(ref.path()).normalize()).toString();
            for (JsonNode patch : Yaml.documents(Repo.read(rel), rel)) {
                ObjectNode target = find(objects, patch.path("kind").asText(), patch.path("metadata").path("name").asText())
                        .orElseThrow(() -> new AssertionError(rel + " patches " + patch.path("kind").asText() + " "
                                + patch.path("metadata").path("name").asText() + ", which " + dir + " does not have"));
                merge(target, (ObjectNode) patch, BUILT_IN.contains(target.path("kind").asText()), rel);
            }
        }
        for (Image image : orEmpty(k.images())) {
            if (!objects.stream().anyMatch(o -> setImage(o, image))) {
                throw new AssertionError(relative + ": images entry " + image.name() + " matches no container");
            }
        }
        for (Labels labels : orEmpty(k.labels())) {
            objects.forEach(o -> labels.pairs().forEach((key, value) ->
                    o.withObject("/metadata/labels").put(key, value)));
        }
        if (k.namespace() != null) {
            objects.stream().filter(o -> !CLUSTER_SCOPED.contains(o.path("kind").asText()))
                    .forEach(o -> o.withObject("/metadata").put("namespace", k.namespace()));
        }
        return objects;
    }

    static java.util.Optional<ObjectNode> find(List<ObjectNode> objects, String kind, String name) {
        List<ObjectNode> found = objects.stream()
                .filter(o -> kind.equals(o.path("kind").asText()) && name.equals(o.path("metadata").path("name").asText()))
                .toList();
        if (found.size() > 1) {
            throw new AssertionError(found.size() + " objects are " + kind + " " + name);
        }
        return found.stream().findFirst();
    }

    private static ObjectNode configMap(Path root, Generator generator) {
        ObjectNode cm = JsonNodeFactory.instance.objectNode();
        cm.put("apiVersion", "v1").put("kind", "ConfigMap");
        cm.putObject("metadata").put("name", generator.name());
        ObjectNode data = cm.putObject("data");
        for (String file : generator.files()) {
            Path path = root.resolve(file).normalize();
            if (!path.startsWith(root)) {
                throw new AssertionError(file + ": kustomize loads generator files from inside the kustomization only");
            }
            data.put(path.getFileName().toString(), Repo.read(Repo.ROOT.relativize(path).toString()));
        }
        return cm;
    }

    /** Strategic merge (built-in kinds) or JSON merge patch (CRDs): maps merge, null deletes. */
    private static void merge(ObjectNode target, ObjectNode patch, boolean strategic, String source) {
        for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            String name = field.getKey();
            JsonNode value = field.getValue();
            if (name.startsWith("$")) {
                throw new AssertionError(source + ": patch directive " + name + " is not rendered by this check");
            }
            JsonNode current = target.get(name);
            if (value.isNull()) {
                target.remove(name);
            } else if (value.isObject() && current != null && current.isObject()) {
                merge((ObjectNode) current, (ObjectNode) value, strategic, source);
            } else if (strategic && value.isArray() && current != null && current.isArray() && mergeKey(name, value) != null) {
                mergeList((ArrayNode) current, (ArrayNode) value, mergeKey(name, value), source);
            } else {
                target.set(name, value.deepCopy());
            }
        }
    }

    private static String mergeKey(String field, JsonNode items) {
        if ("ports".equals(field)) {
            return items.path(0).has("containerPort") ? "containerPort" : "port";
        }
        String key = MERGE_KEYS.get(field);
        return key == null || key.isEmpty() ? null : key;
    }

    private static void mergeList(ArrayNode current, ArrayNode patch, String key, String source) {
        for (JsonNode item : patch) {
            JsonNode id = item.get(key);
            if (id == null) {
                throw new AssertionError(source + ": list item without its merge key " + key + ": " + item);
            }
            ObjectNode existing = null;
            for (JsonNode c : current) {
                if (id.equals(c.get(key))) {
                    existing = (ObjectNode) c;
                }
            }
            if (existing == null) {
                current.add(item.deepCopy());
            } else {
                merge(existing, (ObjectNode) item, true, source);
            }
        }
    }

    private static boolean setImage(ObjectNode object, Image image) {
        boolean matched = false;
        for (JsonNode container : object.findValues("containers").stream().flatMap(c -> iterable(c).stream()).toList()) {
            String ref = container.path("image").asText();
            int colon = ref.lastIndexOf(':');
            String name = colon < 0 ? ref : ref.substring(0, colon);
            String tag = colon < 0 ? null : ref.substring(colon + 1);
            if (name.equals(image.name())) {
                String newName = image.newName() != null ? image.newName() : name;
                String newTag = image.newTag() != null ? image.newTag() : tag;
                ((ObjectNode) container).put("image", newTag == null ? newName : newName + ":" + newTag);
                matched = true;
            }
        }
        return matched;
    }

    private static List<JsonNode> iterable(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items;
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
