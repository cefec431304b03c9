package io.github.cyclegan.messaging.options;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * An enum whose constants are the values of one of the reference's command-line options, spelled as
 * there ({@code resnet_9blocks}, {@code lsgan}): the names jobs, model versions and the command line use.
 */
public interface OptionName {

    @JsonValue
    String optionName();

    /**
     * The constant of {@code type} spelled {@code name}, exactly (the wire is case-sensitive).
     *
     * @throws IllegalArgumentException naming the accepted names, e.g. "unknown norm type 'layer'; expected
     *                                  one of instance, batch, none"
     */
    static <E extends Enum<E> & OptionName> E fromName(Class<E> type, String name) {
        for (E value : type.getEnumConstants()) {
            if (value.optionName().equals(name)) {
                return value;
            }
        }
        throw new IllegalArgumentException("unknown " + noun(type) + " '" + name + "'; expected one of "
                + String.join(", ", names(type)));
    }

    static <E extends Enum<E> & OptionName> List<String> names(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(OptionName::optionName).toList();
    }

    /** "GeneratorArchitecture" reads "generator architecture" in a message. */
    private static String noun(Class<?> type) {
        return type.getSimpleName().replaceAll("(?<=[a-z])(?=[A-Z])", " ").toLowerCase(Locale.ROOT);
    }
}
