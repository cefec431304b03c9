package io.github.cyclegan.client;

import io.github.cyclegan.messaging.TrainingEvent;
import io.github.cyclegan.messaging.TrainingJob;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Where a training job stands: its latest event, or queued when it was submitted and no worker has reported on it
 * since.
 *
 * @param queued    submitted (or submitted again after its last event, which resumes it) and not yet taken
 * @param lastEvent the latest event of the job; empty while a first submission is queued
 * @param updated   when the latest event or submission happened
 */
public record TrainingJobStatus(String jobId, String model, boolean queued, Optional<TrainingEvent> lastEvent,
        Instant updated) {

    /** {@code QUEUED}, or the latest event's state. */
    public String state() {
        return queued ? "QUEUED" : lastEvent.orElseThrow().state().name();
    }

    /** Whether the job has ended (COMPLETED, FAILED or CANCELLED) and was not submitted again since. */
    public boolean isFinal() {
        return !queued && lastEvent.orElseThrow().state().isFinal();
    }

    /** Every job on the jobs topic and every job with events, oldest update first. */
    static List<TrainingJobStatus> from(List<ConsumerRecord<String, String>> jobRecords,
            List<ConsumerRecord<String, String>> eventRecords) {
        Map<String, TrainingJobStatus> statuses = new LinkedHashMap<>();
        for (ConsumerRecord<String, String> record : eventRecords) {
            TrainingEvent event = KafkaAccess.parse(record, TrainingEvent.class);
            if (event != null) {
                statuses.put(event.jobId(), new TrainingJobStatus(event.jobId(), event.model(), false,
                        Optional.of(event), Instant.ofEpochMilli(record.timestamp())));
            }
        }
        for (ConsumerRecord<String, String> record : jobRecords) {
            TrainingJob job = KafkaAccess.parse(record, TrainingJob.class);
            if (job == null) {
                continue;
            }
            Instant submitted = Instant.ofEpochMilli(record.timestamp());
            TrainingJobStatus status = statuses.get(job.jobId());
            if (status == null || status.isFinal() && submitted.isAfter(status.updated())) {
                statuses.put(job.jobId(), new TrainingJobStatus(job.jobId(), job.model(), true,
                        status == null ? Optional.empty() : status.lastEvent(), submitted));
            }
        }
        List<TrainingJobStatus> sorted = new ArrayList<>(statuses.values());
        sorted.sort(Comparator.comparing(TrainingJobStatus::updated));
        return sorted;
    }
}
