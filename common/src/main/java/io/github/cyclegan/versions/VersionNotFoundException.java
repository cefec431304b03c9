package io.github.cyclegan.versions;

/** The model, or the version of it that was asked for, was never published. */
public class VersionNotFoundException extends IllegalArgumentException {

    public VersionNotFoundException(String message) {
        super(message);
    }
}
