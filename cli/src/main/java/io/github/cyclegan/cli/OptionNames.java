package io.github.cyclegan.cli;

import io.github.cyclegan.messaging.options.GeneratorArchitecture;
import io.github.cyclegan.messaging.options.NormType;
import io.github.cyclegan.messaging.options.OptionName;
import java.util.Iterator;
import picocli.CommandLine.ITypeConverter;

/**
 * The names of an {@link OptionName} enum for an option: reads them as jobs spell them, and lists them in the help
 * through {@code ${COMPLETION-CANDIDATES}}. Picocli instantiates the subclasses.
 */
public class OptionNames<E extends Enum<E> & OptionName> implements ITypeConverter<E>, Iterable<String> {

    private final Class<E> type;

    OptionNames(Class<E> type) {
        this.type = type;
    }

    @Override
    public E convert(String value) {
        return OptionName.fromName(type, value);
    }

    @Override
    public Iterator<String> iterator() {
        return OptionName.names(type).iterator();
    }

    public static final class Generators extends OptionNames<GeneratorArchitecture> {
        public Generators() {
            super(GeneratorArchitecture.class);
        }
    }

    public static final class Norms extends OptionNames<NormType> {
        public Norms() {
            super(NormType.class);
        }
    }
}
