package io.github.cyclegan.trainingworker.config;

import io.github.cyclegan.messaging.Topics;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code cyclegan.topics.*}: topic names, defaulting to the shared {@link Topics} names. */
@ConfigMapping(prefix = "cyclegan.topics")
public interface TopicsConfig {
    @WithDefault(Topics.TRAINING_JOBS)
    String trainingJobs();

    @WithDefault(Topics.TRAINING_EVENTS)
    String trainingEvents();

    @WithDefault(Topics.TRAINING_CONTROL)
    String trainingControl();

    @WithDefault(Topics.MODELS)
    String models();
}
