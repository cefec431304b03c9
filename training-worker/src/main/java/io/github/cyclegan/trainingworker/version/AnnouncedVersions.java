package io.github.cyclegan.trainingworker.version;

import io.github.cyclegan.messaging.InvalidMessageException;
import io.github.cyclegan.messaging.MessageCodec;
import io.github.cyclegan.messaging.ModelVersion;
import io.github.cyclegan.trainingworker.config.TopicsConfig;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * What the models topic has already announced, read from its beginning to its current end. Only a redelivered job
 * asks (its worker died after publishing, before or after announcing), so that a version is announced once: the topic
 * is compacted and small, and reading it is cheap next to a job.
 */
@ApplicationScoped
public class AnnouncedVersions {

    private static final Logger LOG = Logger.getLogger(AnnouncedVersions.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(30);

    @Inject
    TopicsConfig topics;
    /** Every {@code kafka.*} setting (brokers, SASL, TLS), as the messaging channels get them. */
    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    /**
     * Whether {@code version} or a later version of its model was announced. Readers keep the highest version they
     * have seen, so a later announcement covers an earlier one, and compaction may have removed the earlier record.
     */
    public boolean covers(ModelVersion version) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProperties(), new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topics.models(), METADATA_TIMEOUT).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, METADATA_TIMEOUT);
            while (partitions.stream().anyMatch(p -> consumer.position(p, METADATA_TIMEOUT) < ends.get(p))) {
                for (ConsumerRecord<String, String> record : consumer.poll(POLL)) {
                    if (announces(record, version)) {
                        return true;
                    }
                }
            }
            return false;
        }
    }

    private static boolean announces(ConsumerRecord<String, String> record, ModelVersion version) {
        if (record.value() == null || !version.kafkaKey().equals(record.key())) {
            return false;
        }
        try {
            ModelVersion announced = MessageCodec.fromJson(record.value(), ModelVersion.class);
            return announced.model().equals(version.model()) && announced.version() >= version.version();
        } catch (InvalidMessageException e) {
            LOG.warnf("ignoring an unreadable record at %s-%d@%d: %s", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
            return false;
        }
    }

    /** The channels' settings less the group: this reader assigns partitions itself and commits nothing. */
    private Properties consumerProperties() {
        Properties props = new Properties();
        props.putAll(kafkaConfig);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "cyclegan-training-announced-versions");
        return props;
    }
}
