package io.github.cyclegan.messaging;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * A command for the training workers, published on {@link Topics#TRAINING_CONTROL} keyed by {@code jobId}. Every
 * worker reads every command (only the one running the job can act on it).
 *
 * @param action what to do; {@code cancel} stops the job before its next iteration, after a checkpoint
 */
public record TrainingControl(int schemaVersion, String jobId, Action action) implements Message {

    /** The commands a training worker understands. */
    public enum Action {
        CANCEL;

        @JsonValue
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        public static Action parse(String value) {
            for (Action action : values()) {
                if (action.wireName().equals(value)) {
                    return action;
                }
            }
            throw new IllegalArgumentException("TrainingControl.action must be cancel, got '" + value + "'");
        }
    }

    private static final String NAME = "TrainingControl";

    public TrainingControl {
        schemaVersion = Message.schemaVersion(schemaVersion, NAME);
        Require.name(jobId, NAME, "jobId");
        Require.present(action, NAME, "action");
    }

    public static TrainingControl cancel(String jobId) {
        return new TrainingControl(CURRENT_SCHEMA_VERSION, jobId, Action.CANCEL);
    }

    @Override
    public String kafkaKey() {
        return jobId;
    }
}
