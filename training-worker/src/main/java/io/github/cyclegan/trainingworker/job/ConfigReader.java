package io.github.cyclegan.trainingworker.job;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads typed options from a job's JSON {@code config} object, strictly (no string-to-number
 * coercion), recording every resolved value, defaults included, so the effective config can be
 * hashed and logged. Errors name the option as the job spelled it: {@code config.<name>: ...}.
 */
final class ConfigReader {

    private final Map<String, Object> raw;
    private final Map<String, Object> resolved = new TreeMap<>();

    ConfigReader(Map<String, Object> raw, List<String> known) {
        this.raw = raw;
        for (String key : raw.keySet()) {
            if (!known.contains(key)) {
                throw new JobConfigException("config." + key + ": unknown option; known options are " + String.join(", ", known));
            }
        }
    }

    Map<String, Object> resolved() {
        return resolved;
    }

    String choice(String key, String noun, String fallback, List<String> allowed) {
        Object value = raw.getOrDefault(key, fallback);
        if (!(value instanceof String text)) {
            throw typeError(key, "a string", value);
        }
        if (!allowed.contains(text)) {
            throw new JobConfigException("config." + key + ": unknown " + noun + " '" + text + "'; expected one of "
                    + String.join(", ", allowed));
        }
        resolved.put(key, text);
        return text;
    }

    /** A string option without a default: empty when the job does not set it. */
    Optional<String> text(String key) {
        Object value = raw.get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof String text) || text.isBlank()) {
            throw typeError(key, "a non-empty string", value);
        }
        resolved.put(key, text);
        return Optional.of(text);
    }

    int integer(String key, int fallback, int min) {
        long value = longValue(key, fallback);
        if (value < min || value > Integer.MAX_VALUE) {
            throw new JobConfigException("config." + key + ": must be an integer >= " + min + ", got " + value);
        }
        return (int) value;
    }

    long longValue(String key, long fallback) {
        Object value = raw.getOrDefault(key, fallback);
        if (!(value instanceof Integer || value instanceof Long)) {
            throw typeError(key, "an integer", value);
        }
        long result = ((Number) value).longValue();
        resolved.put(key, result);
        return result;
    }

    /** A finite number in [min, max) or, when {@code minExclusive}, in (min, max). */
    double number(String key, double fallback, double min, boolean minExclusive, double max) {
        Object value = raw.getOrDefault(key, fallback);
        if (!(value instanceof Number number)) {
            throw typeError(key, "a number", value);
        }
        double result = number.doubleValue();
        boolean aboveMin = minExclusive ? result > min : result >= min;
        if (!aboveMin || !(result < max)) {
            throw new JobConfigException("config." + key + ": must be a number " + (minExclusive ? "> " : ">= ") + min
                    + (Double.isInfinite(max) ? "" : " and < " + max) + ", got " + result);
        }
        resolved.put(key, result);
        return result;
    }

    boolean flag(String key, boolean fallback) {
        Object value = raw.getOrDefault(key, fallback);
        if (!(value instanceof Boolean bool)) {
            throw typeError(key, "true or false", value);
        }
        resolved.put(key, bool);
        return bool;
    }

    private static JobConfigException typeError(String key, String expected, Object value) {
        String shown = value instanceof String ? "\"" + value + "\"" : String.valueOf(value);
        return new JobConfigException("config." + key + ": expected " + expected + ", got " + shown);
    }
}
