package io.github.cyclegan.versions;

import io.github.cyclegan.storage.StorageException;

/** A stored {@code version.json} or {@code latest.json} cannot be read as the version its key names. */
public class InvalidStoredVersionException extends StorageException {

    public InvalidStoredVersionException(String message) {
        super(message, false, null);
    }
}
