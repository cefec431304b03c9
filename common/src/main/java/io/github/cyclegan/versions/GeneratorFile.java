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
