package io.github.cyclegan.inferenceworker.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ModelsTopicReaderTest {

    @Test
    void theModelsConsumerLogsInLikeTheChannelsButJoinsNoGroup() {
        Map<String, Object> kafka = Map.of(
                "bootstrap.servers", "broker:9093",
                "security.protocol", "SASL_SSL",
                "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"u\" password=\"p\";",
                "group.id", "cyclegan-inference-worker",
                "enable.auto.commit", "true");

        Properties props = ModelsTopicReader.consumerProperties(kafka);

        assertThat(props).containsEntry("bootstrap.servers", "broker:9093")
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("sasl.jaas.config", kafka.get("sasl.jaas.config"))
                .containsEntry("enable.auto.commit", "false")
                .containsEntry("client.id", "cyclegan-inference-models")
                .doesNotContainKey("group.id");
    }
}
