package io.github.cyclegan.messaging;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;

import io.github.cyclegan.messaging.options.OptionName;
import io.github.cyclegan.storage.S3Uri;

/**
 * One option of {@link TrainingConfig}: its key, default, accepted values and description, and how a JSON value
 * of it is read. Reading is strict: no string to number coercion, integers only where an integer is expected.
 * Every error names the option as a job spells it: {@code config.<key>: ...}.
 */
public final class ConfigOption {

    private final RecordComponent component;
    private final String key;
    private final Class<?> type;
    private final Option spec;

    ConfigOption(RecordComponent component) {
        this.component = component;
        this.key = component.getName();
        this.type = component.getType();
        this.spec = component.getAnnotation(Option.class);
        if (spec == null || type.isPrimitive() && spec.value().isEmpty()) {
            throw new IllegalStateException("TrainingConfig." + key + " needs an @Option, with a default unless boxed");
        }
        boolean fitsInt = spec.oneOf().length > 0 || spec.min() >= Integer.MIN_VALUE && spec.max() <= Integer.MAX_VALUE;
        if ((type == int.class || type == Integer.class) && !fitsInt) {
            throw new IllegalStateException("TrainingConfig." + key + " needs bounds that keep it an int");
        }
    }

    /** The name in the JSON config object, camelCase as the reference's option (nEpochs for --n_epochs). */
    public String key() {
        return key;
    }

    /** The Java type of the value: int, long, double, boolean, an {@link OptionName} enum or {@link S3Uri}. */
    public Class<?> type() {
        return type;
    }

    /** The default as the command line spells it; empty when a job that leaves it out gets none (or the worker's). */
    public Optional<String> defaultValue() {
        return spec.value().isEmpty() ? Optional.empty() : Optional.of(spec.value());
    }

    public String description() {
        return spec.doc();
    }

    /** The names a choice option accepts; empty for other options. */
    public List<String> choices() {
        return type.isEnum() ? namesOf(type) : List.of();
    }

    /** What a value may be, for people: "integer from 1 to 256", "number > 0", "instance, batch, none". */
    public String accepted() {
        if (type.isEnum()) {
            return String.join(", ", choices());
        }
        if (type == boolean.class) {
            return "true or false";
        }
        if (type == S3Uri.class) {
            return "s3:// URI";
        }
        if (spec.oneOf().length > 0) {
            return Arrays.stream(spec.oneOf()).mapToObj(Long::toString).collect(Collectors.joining(" or "));
        }
        String noun = type == double.class ? "number" : "integer";
        if (Double.isFinite(spec.min()) && Double.isFinite(spec.max())) {
            return noun + " from " + format(spec.min()) + " to " + format(spec.max());
        }
        List<String> bounds = new ArrayList<>();
        if (Double.isFinite(spec.above())) {
            bounds.add("> " + format(spec.above()));
        } else if (Double.isFinite(spec.min())) {
            bounds.add(">= " + format(spec.min()));
        }
        if (Double.isFinite(spec.below())) {
            bounds.add("< " + format(spec.below()));
        } else if (Double.isFinite(spec.max())) {
            bounds.add("<= " + format(spec.max()));
        }
        return bounds.isEmpty() ? noun + " (64-bit)" : noun + " " + String.join(" and ", bounds);
    }

    /** The value a job that leaves this option out gets: the default, or null. */
    Object defaulted() {
        return defaultValue().map(text -> read(fromText(text))).orElse(null);
    }

    /**
     * The JSON value the command line's {@code text} stands for: a number or boolean where the option takes one
     * (so that a wrong one is reported as a wrong type, not a wrong number), else the text itself.
     */
    JsonNode fromText(String text) {
        if (type.isEnum() || type == S3Uri.class) {
            return TextNode.valueOf(text);
        }
        try {
            JsonNode parsed = MessageCodec.mapper().readTree(text);
            return parsed != null && (parsed.isNumber() || parsed.isBoolean()) ? parsed : TextNode.valueOf(text);
        } catch (JsonProcessingException e) {
            return TextNode.valueOf(text);
        }
    }

    /** The Java value of {@code json}; a missing or null value takes the default. */
    Object read(JsonNode json) {
        if (json == null || json.isNull()) {
            return defaulted();
        }
        if (type == boolean.class) {
            if (!json.isBoolean()) {
                throw typeError("true or false", json);
            }
            return json.booleanValue();
        }
        if (type == double.class) {
            if (!json.isNumber()) {
                throw typeError("a number", json);
            }
            return checked(json.doubleValue(), json);
        }
        if (type.isPrimitive() || type == Integer.class) {
            if (!json.isIntegralNumber()) {
                throw typeError("an integer", json);
            }
            if (!json.canConvertToLong()) {
                throw outOfRange(json);
            }
            long value = json.longValue();
            checked(value, json);
            return type == long.class ? (Object) value : (Object) (int) value;
        }
        if (!json.isTextual() || json.textValue().isBlank()) {
            throw typeError("a non-empty string", json);
        }
        try {
            return type == S3Uri.class ? S3Uri.parse(json.textValue()) : choice(type, json.textValue());
        } catch (IllegalArgumentException e) {
            throw error(e.getMessage());
        }
    }

    /** This option's value in {@code config} as the JSON config object has it; null when it has none. */
    Object wireValue(TrainingConfig config) {
        Object value;
        try {
            value = component.getAccessor().invoke(config);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read TrainingConfig." + key, e);
        }
        return value instanceof OptionName name ? name.optionName() : value instanceof S3Uri uri ? uri.toString() : value;
    }

    IllegalArgumentException error(String message) {
        return new IllegalArgumentException("config." + key + ": " + message);
    }

    private double checked(double value, JsonNode json) {
        boolean listed = spec.oneOf().length == 0 || Arrays.stream(spec.oneOf()).anyMatch(allowed -> allowed == value);
        boolean bounded = value >= spec.min() && value <= spec.max() && value > spec.above() && value < spec.below();
        if (!Double.isFinite(value) || !bounded || !listed) {
            throw outOfRange(json);
        }
        return value;
    }

    private IllegalArgumentException outOfRange(JsonNode json) {
        String accepted = accepted();
        String article = accepted.startsWith("integer") ? "an " : accepted.startsWith("number") ? "a " : "";
        return error("must be " + article + accepted + ", got " + shown(json));
    }

    private IllegalArgumentException typeError(String expected, JsonNode json) {
        return error("expected " + expected + ", got " + shown(json));
    }

    /** As JSON, except that a number too large for a double reads Infinity, unquoted. */
    private static String shown(JsonNode json) {
        return json.isNumber() ? json.asText() : json.toString();
    }

    private static String format(double bound) {
        return bound == Math.rint(bound) ? Long.toString((long) bound) : Double.toString(bound);
    }

    @SuppressWarnings("unchecked")
    private static <E extends Enum<E> & OptionName> E choice(Class<?> type, String name) {
        return OptionName.fromName((Class<E>) type, name);
    }

    @SuppressWarnings("unchecked")
    private static <E extends Enum<E> & OptionName> List<String> namesOf(Class<?> type) {
        return OptionName.names((Class<E>) type);
    }
}
