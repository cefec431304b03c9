package io.github.cyclegan.messaging;

/** Life cycle of a training job; COMPLETED, FAILED and CANCELLED are final. */
public enum TrainingState {
    ACCEPTED, RUNNING, CHECKPOINTED, COMPLETED, FAILED, CANCELLED;

    public boolean isFinal() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }
}
