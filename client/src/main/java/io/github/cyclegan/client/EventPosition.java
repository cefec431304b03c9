package io.github.cyclegan.client;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * A point in the training events topic: the next offset to read per partition. Taken with
 * {@link CycleganClient#trainingEventsEnd()} before a job is submitted or cancelled, it lets a follower see that
 * run's events and none of an earlier run of the same job id.
 *
 * @param offsets next offset by partition number; a partition missing here is read from its beginning
 */
public record EventPosition(Map<Integer, Long> offsets) {

    /** The beginning of the topic. */
    public static final EventPosition BEGINNING = new EventPosition(Map.of());

    public EventPosition {
        offsets = Map.copyOf(offsets);
    }

    static EventPosition of(Map<TopicPartition, Long> offsets) {
        Map<Integer, Long> byPartition = new HashMap<>();
        offsets.forEach((partition, offset) -> byPartition.put(partition.partition(), offset));
        return new EventPosition(byPartition);
    }

    long offset(TopicPartition partition) {
        return offsets.getOrDefault(partition.partition(), 0L);
    }
}
