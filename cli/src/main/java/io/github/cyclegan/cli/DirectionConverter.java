package io.github.cyclegan.cli;

import io.github.cyclegan.messaging.Direction;
import picocli.CommandLine.ITypeConverter;

/** {@code AtoB} / {@code BtoA}, the names of the messages, for options. */
public final class DirectionConverter implements ITypeConverter<Direction> {

    @Override
    public Direction convert(String value) {
        return Direction.parse(value);
    }
}
