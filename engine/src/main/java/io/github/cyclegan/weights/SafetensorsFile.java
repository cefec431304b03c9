package io.github.cyclegan.weights;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The content of a safetensors file: its tensors, sorted by name as the safetensors library
 * orders them, and the optional {@code __metadata__} string map.
 */
public record SafetensorsFile(Map<String, String> metadata, Map<String, NamedTensor> tensors) {

    public SafetensorsFile {
        metadata = Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(metadata, "metadata")));
        tensors = Collections.unmodifiableMap(new LinkedHashMap<>(new TreeMap<>(Objects.requireNonNull(tensors, "tensors"))));
    }
}
