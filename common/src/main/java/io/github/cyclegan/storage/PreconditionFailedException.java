package io.github.cyclegan.storage;

/** A conditional write found the object in another state than it required; the caller decides what that means. */
public class PreconditionFailedException extends StorageException {

    public PreconditionFailedException(S3Uri uri, Throwable cause) {
        super("precondition failed for " + uri, false, cause);
    }
}
