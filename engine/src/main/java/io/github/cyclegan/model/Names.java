package io.github.cyclegan.model;

import java.util.Arrays;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Formats the accepted option names for error messages. */
final class Names {

    private Names() {}

    static <T> String of(T[] values, Function<T, String> name) {
        return Arrays.stream(values).map(name).collect(Collectors.joining(", ", "[", "]"));
    }
}
