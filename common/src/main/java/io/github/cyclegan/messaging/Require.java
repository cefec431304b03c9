package io.github.cyclegan.messaging;

import java.util.Map;
import java.util.regex.Pattern;

import io.github.cyclegan.storage.S3Uri;

/** Field checks for message records; each failure names the message and the field. */
final class Require {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private Require() {
    }

    static String text(String value, String message, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(message + "." + field + " is required");
        }
        return value;
    }

    static <T> T present(T value, String message, String field) {
        if (value == null) {
            throw new IllegalArgumentException(message + "." + field + " is required");
        }
        return value;
    }

    static String s3Uri(String value, String message, String field) {
        text(value, message, field);
        try {
            S3Uri.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(message + "." + field + " must be an s3://bucket/key URI: " + e.getMessage());
        }
        return value;
    }

    static Integer nonNegative(Integer value, String message, String field) {
        if (value != null && value < 0) {
            throw new IllegalArgumentException(message + "." + field + " must not be negative, got " + value);
        }
        return value;
    }

    static Long positive(Long value, String message, String field) {
        if (value != null && value <= 0) {
            throw new IllegalArgumentException(message + "." + field + " must be positive, got " + value);
        }
        return value;
    }

    static <K, V> Map<K, V> copy(Map<K, V> map) {
        return map == null ? Map.of() : Map.copyOf(map);
    }

    /**
     * Ids and model names end up in object keys, Kafka keys and metric labels, so they are limited
     * to a safe alphabet.
     */
    static String name(String value, String message, String field) {
        text(value, message, field);
        if (!NAME.matcher(value).matches() || value.contains("..")) {
            throw new IllegalArgumentException(message + "." + field + " must be 1-128 letters, digits, '.', '_' or '-'"
                    + " starting with a letter or digit, got '" + value + "'");
        }
        return value;
    }
}
