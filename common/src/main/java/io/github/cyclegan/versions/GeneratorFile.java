package io.github.cyclegan.versions;

import java.util.Objects;

/** The weights of one generator of a version being published. */
public sealed interface GeneratorFile {

    /** New weights (safetensors with the reference's state-dict names), stored in the version's own folder. */
    record Upload(byte[] safetensors) implements GeneratorFile {
        public Upload {
            Objects.requireNonNull(safetensors, "safetensors");
            if (safetensors.length == 0) {
                throw new IllegalArgumentException("a generator file must not be empty");
            }
        }
    }

    /**
     * Weights already in the bucket (a checkpoint's {@code G_A.safetensors}), copied into the version's own folder
     * on the server, so the publisher never holds them; the copy outlives the original, which checkpoint retention
     * may delete.
     *
     * @param key    the object to copy
     * @param sha256 its SHA-256 (64 lower-case hex digits), known from when it was written, recorded in the version
     */
    record Copy(String key, String sha256) implements GeneratorFile {
        public Copy {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(sha256, "sha256");
            if (!sha256.matches("[0-9a-f]{64}")) {
                throw new IllegalArgumentException("sha256 must be 64 lower-case hex digits, got '" + sha256 + "'");
            }
        }
    }

    /**
     * A generator another version already published, kept as it is (an import of one direction carries the other
     * direction of the latest version).
     *
     * @param sha256 its digest as that version recorded it; null when that version recorded none
     */
    record Existing(String uri, String sha256) implements GeneratorFile {
        public Existing {
            Objects.requireNonNull(uri, "uri");
        }
    }
}
