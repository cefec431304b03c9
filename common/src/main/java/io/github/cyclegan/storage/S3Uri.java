package io.github.cyclegan.storage;

import java.util.regex.Pattern;

/**
 * An {@code s3://bucket/key} location. The key may be an object key or, when it ends with '/',
 * a prefix (a "folder" such as a dataset). Immutable and validated on construction.
 */
public record S3Uri(String bucket, String key) {

    public static final String SCHEME = "s3://";

    /** S3 bucket naming rules: 3 to 63 lowercase letters, digits, dots and hyphens, starting and ending alphanumeric. */
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    public S3Uri {
        requireBucket(bucket);
        if (key == null) {
            throw new InvalidObjectKeyException("s3 URI key must not be null");
        }
        ObjectKeys.requirePrefix(key);
    }

    public static S3Uri parse(String uri) {
        if (uri == null || !uri.startsWith(SCHEME)) {
            throw new InvalidObjectKeyException("not an s3:// URI: " + (uri == null ? "null" : ObjectKeys.printable(uri)));
        }
        String rest = uri.substring(SCHEME.length());
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        String key = slash < 0 ? "" : rest.substring(slash + 1);
        return new S3Uri(bucket, key);
    }

    public static void requireBucket(String bucket) {
        if (bucket == null || !BUCKET.matcher(bucket).matches() || bucket.contains("..")) {
            throw new InvalidObjectKeyException("invalid bucket name "
                    + (bucket == null ? "null" : ObjectKeys.printable(bucket))
                    + ": use 3-63 lowercase letters, digits, '.' or '-'");
        }
    }

    /** True when this URI names a prefix (a folder) rather than one object. */
    public boolean isPrefix() {
        return key.isEmpty() || key.endsWith("/");
    }

    /** This URI as a prefix: the key with a trailing '/' added when missing. */
    public S3Uri asPrefix() {
        return isPrefix() ? this : new S3Uri(bucket, key + "/");
    }

    public S3Uri resolve(String child) {
        return new S3Uri(bucket, asPrefix().key + ObjectKeys.requireKey(child));
    }

    @Override
    public String toString() {
        return SCHEME + bucket + "/" + key;
    }
}
