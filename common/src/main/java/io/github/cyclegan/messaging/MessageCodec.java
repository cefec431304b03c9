package io.github.cyclegan.messaging;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The JSON form of every message: camelCase fields, ISO-8601 instants, null and empty fields omitted,
 * unknown fields ignored (so newer producers can add fields), missing required fields rejected
 * with a message that names the field.
 */
public final class MessageCodec {

    private static final List<String> ID_FIELDS = List.of("requestId", "jobId");

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .serializationInclusion(JsonInclude.Include.NON_EMPTY)
            .build();

    private MessageCodec() {
    }

    public static String toJson(Object message) {
        try {
            return MAPPER.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + message.getClass().getSimpleName() + " as JSON", e);
        }
    }

    public static byte[] toBytes(Object message) {
        return toJson(message).getBytes(StandardCharsets.UTF_8);
    }

    public static <T> T fromJson(String json, Class<T> type) {
        if (json == null || json.isBlank()) {
            throw new InvalidMessageException(type.getSimpleName() + ": empty message", null, null);
        }
        JsonNode tree;
        try {
            tree = MAPPER.readTree(json);
        } catch (IOException e) {
            throw new InvalidMessageException(type.getSimpleName() + ": malformed JSON: " + firstLine(e), null, e);
        }
        if (!tree.isObject()) {
            throw new InvalidMessageException(type.getSimpleName() + ": expected a JSON object, got " + tree.getNodeType(),
                    null, null);
        }
        try {
            return MAPPER.treeToValue(tree, type);
        } catch (IOException e) {
            throw new InvalidMessageException(describe(type, e), idOf(tree), e);
        }
    }

    public static <T> T fromBytes(byte[] json, Class<T> type) {
        return fromJson(json == null ? null : new String(json, StandardCharsets.UTF_8), type);
    }

    /** The shared mapper, for components that need JSON beyond the message records (e.g. checkpoints). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    private static String describe(Class<?> type, IOException e) {
        String name = type.getSimpleName();
        if (e instanceof ValueInstantiationException vie && vie.getCause() != null) {
            return rootMessage(vie.getCause());
        }
        if (e instanceof InvalidFormatException ife) {
            return name + "." + path(ife) + ": invalid value " + ife.getValue();
        }
        if (e instanceof JsonMappingException jme && !jme.getPath().isEmpty()) {
            Throwable cause = jme.getCause();
            return name + "." + path(jme) + ": " + (cause != null ? rootMessage(cause) : firstLine(e));
        }
        return name + ": " + firstLine(e);
    }

    private static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.toString() : firstLine(root);
    }

    private static String firstLine(Throwable t) {
        String message = t instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : t.getMessage();
        if (message == null) {
            return t.getClass().getSimpleName();
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static String idOf(JsonNode tree) {
        for (String field : ID_FIELDS) {
            JsonNode id = tree.get(field);
            if (id != null && id.isTextual() && !id.asText().isBlank()) {
                return id.asText();
            }
        }
        return null;
    }
}
