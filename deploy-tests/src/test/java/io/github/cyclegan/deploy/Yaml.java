package io.github.cyclegan.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/** YAML as trees, and trees as typed objects that refuse fields they do not know. */
final class Yaml {

    /** Multi-document aware reader for manifests and compose files. */
    private static final YAMLMapper READER = new YAMLMapper(new YAMLFactory());

    /**
     * fabric8's model classes collect unknown fields in an "additionalProperties" map through
     * {@code @JsonAnySetter}; with the any-setter switched off, FAIL_ON_UNKNOWN_PROPERTIES makes a
     * misspelt or misplaced field an error, as the API server's strict validation does.
     */
    static final ObjectMapper STRICT = JsonMapper.builder()
            .annotationIntrospector(new JacksonAnnotationIntrospector() {
                @Override
                public Boolean hasAnySetter(Annotated a) {
                    return Boolean.FALSE;
                }
            })
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
            .build();

    private Yaml() {}

    static List<JsonNode> documents(String text, String source) {
        try {
            return READER.readerFor(JsonNode.class).<JsonNode>readValues(text).readAll().stream()
                    .filter(n -> n != null && !n.isNull() && !n.isMissingNode())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(source + ": not YAML", e);
        }
    }

    static JsonNode document(String text, String source) {
        List<JsonNode> docs = documents(text, source);
        if (docs.size() != 1) {
            throw new AssertionError(source + ": expected one YAML document, found " + docs.size());
        }
        return docs.get(0);
    }

    static <T> T strict(JsonNode node, Class<T> type, String source) {
        try {
            return STRICT.treeToValue(node, type);
        } catch (IOException e) {
            throw new AssertionError(source + ": not a valid " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }
}
