package io.github.cyclegan.storage;

/** The object (or its bucket) does not exist. */
public class ObjectNotFoundException extends StorageException {

    private final S3Uri uri;

    public ObjectNotFoundException(S3Uri uri, Throwable cause) {
        super("no object at " + uri, false, cause);
        this.uri = uri;
    }

    public S3Uri uri() {
        return uri;
    }
}
