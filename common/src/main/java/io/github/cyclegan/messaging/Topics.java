package io.github.cyclegan.messaging;

/**
 * Default topic names. Every worker reads its topic names from configuration; these are the
 * defaults that configuration, deploy manifests and docs share.
 */
public final class Topics {

    public static final String TRAINING_JOBS = "cyclegan.training.jobs";
    public static final String TRAINING_EVENTS = "cyclegan.training.events";
    public static final String TRAINING_CONTROL = "cyclegan.training.control";
    /** Compacted: the latest record per model name is the model's latest version. */
    public static final String MODELS = "cyclegan.models";
    public static final String TRANSLATION_REQUESTS = "cyclegan.translation.requests";
    public static final String TRANSLATION_RESULTS = "cyclegan.translation.results";
    public static final String TRANSLATION_REQUESTS_DLQ = "cyclegan.translation.requests.dlq";

    private Topics() {
    }
}
