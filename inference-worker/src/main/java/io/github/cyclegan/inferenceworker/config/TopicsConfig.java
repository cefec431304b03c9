package io.github.cyclegan.inferenceworker.config;

import io.github.cyclegan.messaging.Topics;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code cyclegan.topics.*}: topic names, defaulting to the shared {@link Topics} names. */
@ConfigMapping(prefix = "cyclegan.topics")
public interface TopicsConfig {
    @WithDefault(Topics.MODELS)
    String models();

    @WithDefault(Topics.TRANSLATION_REQUESTS)
    String translationRequests();

    @WithDefault(Topics.TRANSLATION_RESULTS)
    String translationResults();

    @WithDefault(Topics.TRANSLATION_REQUESTS_DLQ)
    String translationRequestsDlq();
}
