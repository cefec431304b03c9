package io.github.cyclegan.messaging;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Which generator to apply: G (domain A to B) or F (domain B to A). */
public enum Direction {
    A_TO_B("AtoB"),
    B_TO_A("BtoA");

    private final String wireName;

    Direction(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    public Direction opposite() {
        return this == A_TO_B ? B_TO_A : A_TO_B;
    }

    @JsonCreator
    public static Direction parse(String value) {
        for (Direction d : values()) {
            if (d.wireName.equalsIgnoreCase(value)) {
                return d;
            }
        }
        throw new IllegalArgumentException("direction must be AtoB or BtoA, got '" + value + "'");
    }

    @Override
    public String toString() {
        return wireName;
    }
}
