package io.github.cyclegan.storage;

import java.nio.charset.StandardCharsets;

/**
 * Validation of object keys and prefixes. Keys are built from user input (model names, dataset
 * prefixes, request ids), so anything that could escape the intended namespace or confuse a
 * filesystem-backed S3 server is refused before a request is made.
 */
public final class ObjectKeys {

    /** S3's own limit, in UTF-8 bytes. */
    public static final int MAX_KEY_BYTES = 1024;

    private ObjectKeys() {
    }

    /** Returns {@code key} if it names a single object; otherwise throws {@link InvalidObjectKeyException}. */
    public static String requireKey(String key) {
        if (key == null || key.isEmpty()) {
            throw new InvalidObjectKeyException("object key must not be empty");
        }
        if (key.endsWith("/")) {
            throw new InvalidObjectKeyException("object key must not end with '/': " + printable(key));
        }
        checkSegments(key);
        return key;
    }

    /**
     * Returns {@code prefix} if it is a valid listing prefix: empty (the whole bucket) or a
     * key-like path, normally ending with '/'.
     */
    public static String requirePrefix(String prefix) {
        if (prefix == null) {
            throw new InvalidObjectKeyException("prefix must not be null");
        }
        if (prefix.isEmpty()) {
            return prefix;
        }
        checkSegments(prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix);
        return prefix;
    }

    /** Joins path parts with '/', validating the result as a key. */
    public static String join(String... parts) {
        StringBuilder sb = new StringBuilder();
        for (String part : parts) {
            if (part == null || part.isEmpty()) {
                throw new InvalidObjectKeyException("key part must not be empty");
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != '/') {
                sb.append('/');
            }
            sb.append(part);
        }
        return requireKey(sb.toString());
    }

    private static void checkSegments(String path) {
        if (path.startsWith("/")) {
            throw new InvalidObjectKeyException("object key must be relative, not start with '/': " + printable(path));
        }
        if (path.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
            throw new InvalidObjectKeyException("object key is longer than " + MAX_KEY_BYTES + " bytes");
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (Character.isISOControl(c)) {
                throw new InvalidObjectKeyException(String.format(
                        "object key contains control character U+%04X at index %d: %s", (int) c, i, printable(path)));
            }
            if (c == '\\') {
                throw new InvalidObjectKeyException("object key must use '/' not '\\': " + printable(path));
            }
        }
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty()) {
                throw new InvalidObjectKeyException("object key has an empty path segment ('//'): " + printable(path));
            }
            if (segment.equals("..") || segment.equals(".")) {
                throw new InvalidObjectKeyException("object key must not contain '" + segment + "' segments: " + printable(path));
            }
        }
    }

    /** Error messages quote keys; control characters are escaped so a key cannot forge log lines. */
    static String printable(String key) {
        StringBuilder sb = new StringBuilder("'");
        key.codePoints().limit(200).forEach(cp -> {
            if (Character.isISOControl(cp)) {
                sb.append(String.format("\\u%04x", cp));
            } else {
                sb.appendCodePoint(cp);
            }
        });
        if (key.length() > 200) {
            sb.append("...");
        }
        return sb.append('\'').toString();
    }
}
