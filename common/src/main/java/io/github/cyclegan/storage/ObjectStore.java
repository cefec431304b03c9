package io.github.cyclegan.storage;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.minio.BucketExistsArgs;
import io.minio.CopyObjectArgs;
import io.minio.CopySource;
import io.minio.GetObjectArgs;
import io.minio.GetPresignedObjectUrlArgs;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.errors.ErrorResponseException;
import io.minio.errors.ServerException;
import io.minio.http.Method;
import io.minio.messages.Item;

/**
 * The system's object storage: one bucket on an S3-compatible server, reached with the MinIO client.
 * Keys are validated by {@link ObjectKeys}; the bucket is created on first use; idempotent requests
 * are retried with exponential backoff when they fail transiently; every attempt is bounded by
 * {@link StorageSettings#connectTimeout()} and {@link StorageSettings#callTimeout()}. Thread-safe.
 */
public final class ObjectStore {

    private static final Logger LOG = LoggerFactory.getLogger(ObjectStore.class);
    private static final int MULTIPART_MB = 10;
    private static final long MULTIPART_PART_SIZE = MULTIPART_MB * 1024L * 1024;
    private static final Set<String> NOT_FOUND_CODES = Set.of("NoSuchKey", "NoSuchBucket", "NoSuchObject");
    private static final String PRECONDITION_FAILED = "PreconditionFailed";
    private static final String IF_NONE_MATCH = "If-None-Match";
    private static final String IF_MATCH = "If-Match";
    private static final Set<String> TRANSIENT_CODES = Set.of("InternalError", "ServiceUnavailable", "SlowDown",
            "RequestTimeout", "RequestTimeTooSkewed", "OperationAborted");

    private final MinioClient client;
    private final StorageSettings settings;
    private volatile boolean bucketReady;

    public ObjectStore(StorageSettings settings) {
        this.settings = settings;
        this.client = MinioClient.builder()
                .endpoint(settings.endpoint().toString())
                .credentials(settings.accessKey(), settings.secretKey())
                .region(settings.region())
                .build();
        // The MinIO client's own timeouts are 5 minutes each: a hung server would hold a caller that long per attempt.
        long callMillis = settings.callTimeout().toMillis();
        client.setTimeout(settings.connectTimeout().toMillis(), callMillis, callMillis);
    }

    public String bucket() {
        return settings.bucket();
    }

    public StorageSettings settings() {
        return settings;
    }

    /** The {@code s3://} URI of a key in this store's bucket. */
    public S3Uri uri(String key) {
        return new S3Uri(settings.bucket(), ObjectKeys.requirePrefix(key));
    }

    /** The key of {@code uri}, refusing URIs that point outside this store's bucket. */
    public String keyOf(S3Uri uri) {
        if (!uri.bucket().equals(settings.bucket())) {
            throw new InvalidObjectKeyException("bucket '" + uri.bucket() + "' is outside the allowed bucket '"
                    + settings.bucket() + "': " + uri);
        }
        return uri.key();
    }

    public void put(String key, byte[] content, String contentType) {
        S3Uri uri = uri(ObjectKeys.requireKey(key));
        ensureBucket();
        execute("put", uri, true, () -> client.putObject(PutObjectArgs.builder()
                .bucket(uri.bucket()).object(uri.key())
                .stream(new ByteArrayInputStream(content), content.length, -1)
                .contentType(contentType)
                .build()));
    }

    /**
     * Creates the object only if no object has the key (S3's conditional write, {@code If-None-Match: *}).
     *
     * @return true when this call created it; false when the key was taken. A create retried after a transient
     *     failure may find the object its own first attempt wrote: it counts as created when the stored bytes are
     *     {@code content}, which callers make unique (a claim names its owner), so two writers never both win.
     */
    public boolean createIfAbsent(String key, byte[] content, String contentType) {
        return putConditionally(key, content, contentType, Map.of(IF_NONE_MATCH, "*"));
    }

    /**
     * Replaces the object only if it still has {@code etag} ({@code If-Match}), as read by {@link #stat}: a
     * compare-and-set for small state objects that several writers update.
     *
     * @return true when this call replaced it; false when the object changed (or vanished) in between
     */
    public boolean replaceIfUnchanged(String key, String etag, byte[] content, String contentType) {
        return putConditionally(key, content, contentType, Map.of(IF_MATCH, quoted(etag)));
    }

    private boolean putConditionally(String key, byte[] content, String contentType, Map<String, String> condition) {
        S3Uri uri = uri(ObjectKeys.requireKey(key));
        ensureBucket();
        int[] attempts = {0};
        try {
            execute("conditional put", uri, true, () -> {
                attempts[0]++;
                return client.putObject(PutObjectArgs.builder()
                        .bucket(uri.bucket()).object(uri.key())
                        .stream(new ByteArrayInputStream(content), content.length, -1)
                        .contentType(contentType)
                        .headers(condition)
                        .build());
            });
            return true;
        } catch (PreconditionFailedException e) {
            return attempts[0] > 1 && attemptsLeftItsMark(key, content);
        }
    }

    /** Whether a conditional write that reported failure after a retry had in fact been applied by an attempt. */
    private boolean attemptsLeftItsMark(String key, byte[] content) {
        try {
            return Arrays.equals(get(key), content);
        } catch (ObjectNotFoundException e) {
            return false;
        }
    }

    private static String quoted(String etag) {
        return etag.startsWith("\"") ? etag : "\"" + etag + "\"";
    }

    /** Content of known length that can be read more than once, so that a failed upload can be retried. */
    @FunctionalInterface
    public interface Content {
        /** The content from its first byte; the caller closes the stream. */
        InputStream open() throws IOException;
    }

    /**
     * Stores {@code length} bytes read from {@code content} as they come: objects above {@value #MULTIPART_MB} MiB go
     * up in parts of that size, so the client holds one part, never the whole object. A failed attempt is retried
     * like every idempotent request, from a fresh {@link Content#open()}.
     */
    public void put(String key, long length, Content content, String contentType) {
        if (length < 0) {
            throw new IllegalArgumentException("negative length " + length + " for " + key);
        }
        S3Uri uri = uri(ObjectKeys.requireKey(key));
        ensureBucket();
        execute("put", uri, true, () -> {
            try (InputStream in = content.open()) {
                return client.putObject(PutObjectArgs.builder()
                        .bucket(uri.bucket()).object(uri.key())
                        .stream(in, length, MULTIPART_PART_SIZE)
                        .contentType(contentType)
                        .build());
            }
        });
    }

    /**
     * Copies an object to another key of the bucket on the server (S3 CopyObject): the bytes never pass through
     * this process. Objects up to 5 GiB, which is S3's limit for one copy.
     *
     * @throws ObjectNotFoundException when there is no object {@code fromKey}
     */
    public void copy(String fromKey, String toKey) {
        S3Uri from = uri(ObjectKeys.requireKey(fromKey));
        S3Uri to = uri(ObjectKeys.requireKey(toKey));
        ensureBucket();
        try {
            execute("copy " + from + " to", to, true, () -> client.copyObject(CopyObjectArgs.builder()
                    .bucket(to.bucket()).object(to.key())
                    .source(CopySource.builder().bucket(from.bucket()).object(from.key()).build())
                    .build()));
        } catch (ObjectNotFoundException e) {
            throw new ObjectNotFoundException(from, e);
        }
    }

    /** Streams {@code content} of unknown length; not retried, since a stream cannot be replayed. */
    public void put(String key, InputStream content, String contentType) {
        S3Uri uri = uri(ObjectKeys.requireKey(key));
        ensureBucket();
        execute("put", uri, false, () -> client.putObject(PutObjectArgs.builder()
                .bucket(uri.bucket()).object(uri.key())
                .stream(content, -1, MULTIPART_PART_SIZE)
                .contentType(contentType)
                .build()));
    }

    public byte[] get(String key) {
        S3Uri uri = uri(ObjectKeys.requireKey(key));
        return execute("get", uri, true, () -> {
            try (InputStream in = client.getObject(GetObjectArgs.builder().bucket(uri.bucket()).object(uri.key()).build())) {
                return in.readAllBytes();
            }
        });
    }

    /** Opens the object for streaming; the caller closes the stream. */
    public InputStream open(String key) {
        S3Uri uri = uri(ObjectKeys.requireKey(key));
        return execute("get", uri, true,
                () -> client.getObject(GetObjectArgs.builder().bucket(uri.bucket()).object(uri.key()).build()));
    }

    public Optional<ObjectInfo> stat(String key) {
        S3Uri uri = uri(ObjectKeys.requireKey(key));
        try {
            StatObjectResponse r = execute("stat", uri, true,
                    () -> client.statObject(StatObjectArgs.builder().bucket(uri.bucket()).object(uri.key()).build()));
            return Optional.of(new ObjectInfo(uri.key(), r.size(), r.etag(), r.lastModified().toInstant(), r.contentType()));
        } catch (ObjectNotFoundException e) {
            return Optional.empty();
        }
    }

    public boolean exists(String key) {
        return stat(key).isPresent();
    }

    /** All objects under {@code prefix} (recursively), in key order. An absent bucket lists as empty. */
    public List<ObjectInfo> list(String prefix) {
        S3Uri uri = uri(ObjectKeys.requirePrefix(prefix));
        try {
            return execute("list", uri, true, () -> {
                List<ObjectInfo> items = new ArrayList<>();
                Iterable<Result<Item>> results = client.listObjects(ListObjectsArgs.builder()
                        .bucket(uri.bucket()).prefix(uri.key()).recursive(true).build());
                for (Result<Item> result : results) {
                    Item item = result.get();
                    if (!item.isDir()) {
                        items.add(new ObjectInfo(item.objectName(), item.size(), item.etag(),
                                item.lastModified() == null ? null : item.lastModified().toInstant(), null));
                    }
                }
                return items;
            });
        } catch (ObjectNotFoundException e) {
            return List.of();
        }
    }

    /**
     * The names of the "folders" directly under {@code prefix} (which ends with '/'), without the prefix or the
     * trailing '/': {@code children("models/")} lists the model names without listing every model's objects.
     */
    public List<String> children(String prefix) {
        S3Uri uri = uri(ObjectKeys.requirePrefix(prefix));
        try {
            return execute("list", uri, true, () -> {
                List<String> names = new ArrayList<>();
                for (Result<Item> result : client.listObjects(ListObjectsArgs.builder()
                        .bucket(uri.bucket()).prefix(uri.key()).delimiter("/").build())) {
                    Item item = result.get();
                    if (item.isDir()) {
                        String name = item.objectName().substring(uri.key().length());
                        names.add(name.endsWith("/") ? name.substring(0, name.length() - 1) : name);
                    }
                }
                return names;
            });
        } catch (ObjectNotFoundException e) {
            return List.of();
        }
    }

    /** Deletes the object; deleting an absent object is not an error (S3 semantics). */
    public void delete(String key) {
        S3Uri uri = uri(ObjectKeys.requireKey(key));
        execute("delete", uri, true,
                () -> {
                    client.removeObject(RemoveObjectArgs.builder().bucket(uri.bucket()).object(uri.key()).build());
                    return null;
                });
    }

    /** A URL that lets anyone holding it GET the object until {@link StorageSettings#presignExpiry()} passes. */
    public String presignGet(String key) {
        return presignGet(key, settings.presignExpiry());
    }

    public String presignGet(String key, Duration expiry) {
        if (expiry.isNegative() || expiry.isZero() || expiry.compareTo(StorageSettings.MAX_PRESIGN_EXPIRY) > 0) {
            throw new IllegalArgumentException("presign expiry must be between 1 s and 7 days, got " + expiry);
        }
        S3Uri uri = uri(ObjectKeys.requireKey(key));
        return execute("presign", uri, false, () -> client.getPresignedObjectUrl(GetPresignedObjectUrlArgs.builder()
                .method(Method.GET).bucket(uri.bucket()).object(uri.key())
                .expiry((int) expiry.toSeconds(), TimeUnit.SECONDS)
                .build()));
    }

    /** Creates the bucket unless it exists; called before the first write. */
    public void ensureBucket() {
        if (bucketReady) {
            return;
        }
        synchronized (this) {
            if (bucketReady) {
                return;
            }
            S3Uri root = uri("");
            execute("create bucket", root, true, () -> {
                if (!client.bucketExists(BucketExistsArgs.builder().bucket(root.bucket()).build())) {
                    try {
                        client.makeBucket(MakeBucketArgs.builder().bucket(root.bucket()).region(settings.region()).build());
                        LOG.info("created bucket {}", root.bucket());
                    } catch (ErrorResponseException e) {
                        // Another worker may have created it between our check and our request.
                        String code = e.errorResponse().code();
                        if (!"BucketAlreadyOwnedByYou".equals(code) && !"BucketAlreadyExists".equals(code)) {
                            throw e;
                        }
                    }
                }
                return null;
            });
            bucketReady = true;
        }
    }

    @FunctionalInterface
    private interface Request<T> {
        T call() throws Exception;
    }

    private <T> T execute(String operation, S3Uri uri, boolean retryable, Request<T> request) {
        int attempts = retryable ? settings.maxAttempts() : 1;
        Duration backoff = settings.retryBackoff();
        for (int attempt = 1; ; attempt++) {
            try {
                return request.call();
            } catch (Exception e) {
                StorageException failure = translate(operation, uri, e);
                if (!failure.isTransient() || attempt >= attempts) {
                    throw failure;
                }
                LOG.warn("{} {} failed (attempt {}/{}), retrying in {} ms: {}", operation, uri, attempt, attempts,
                        backoff.toMillis(), failure.getMessage());
                sleep(backoff);
                backoff = backoff.multipliedBy(2);
            }
        }
    }

    private static StorageException translate(String operation, S3Uri uri, Exception e) {
        if (e instanceof ErrorResponseException ere) {
            String code = ere.errorResponse().code();
            if (NOT_FOUND_CODES.contains(code)) {
                return new ObjectNotFoundException(uri, e);
            }
            if (PRECONDITION_FAILED.equals(code)) {
                return new PreconditionFailedException(uri, e);
            }
            return new StorageException(operation + " " + uri + " failed: " + code + " (" + ere.errorResponse().message() + ")",
                    TRANSIENT_CODES.contains(code), e);
        }
        if (e instanceof ServerException || e instanceof IOException) {
            return new StorageException(operation + " " + uri + " failed: " + e.getMessage(), true, e);
        }
        if (e instanceof StorageException se) {
            return se;
        }
        return new StorageException(operation + " " + uri + " failed: " + e, false, e);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException("interrupted while waiting to retry", false, e);
        }
    }
}
