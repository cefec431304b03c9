package io.github.cyclegan.cli.training;

import io.github.cyclegan.cli.KafkaTopics;
import io.github.cyclegan.client.ClientSettings;
import io.github.cyclegan.messaging.InvalidMessageException;
import io.github.cyclegan.messaging.MessageCodec;
import io.github.cyclegan.messaging.TrainingEvent;
import io.github.cyclegan.messaging.TrainingJob;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Where a job stands: its latest event, or QUEUED when it was submitted and no worker has reported on it since.
 *
 * @param state     a {@link io.github.cyclegan.messaging.TrainingState} name, or {@code QUEUED}
 * @param lastEvent null while queued
 * @param updated   when the latest event or submission happened
 */
record JobStatus(String jobId, String model, String state, TrainingEvent lastEvent, Instant updated) {

    static final String QUEUED = "QUEUED";

    boolean isFinal() {
        return lastEvent != null && !state.equals(QUEUED) && lastEvent.state().isFinal();
    }

    /**
     * Every job on the jobs topic and every job with events, from both topics read to their current ends. A job
     * submitted again after its last event (a resubmission that resumes it) counts as queued again.
     */
    static Map<String, JobStatus> readAll(ClientSettings settings) {
        Map<String, ConsumerRecord<String, String>> submissions = new LinkedHashMap<>();
        Map<String, TrainingJob> jobs = new LinkedHashMap<>();
        for (ConsumerRecord<String, String> record : KafkaTopics.readAll(settings.kafkaBootstrapServers(),
                settings.trainingJobsTopic())) {
            TrainingJob job = parse(record.value(), TrainingJob.class);
            if (job != null) {
                jobs.put(job.jobId(), job);
                submissions.put(job.jobId(), record);
            }
        }
        Map<String, JobStatus> statuses = new LinkedHashMap<>();
        for (ConsumerRecord<String, String> record : KafkaTopics.readAll(settings.kafkaBootstrapServers(),
                settings.trainingEventsTopic())) {
            TrainingEvent event = parse(record.value(), TrainingEvent.class);
            if (event != null) {
                statuses.put(event.jobId(), new JobStatus(event.jobId(), event.model(), event.state().name(), event,
                        Instant.ofEpochMilli(record.timestamp())));
            }
        }
        jobs.forEach((jobId, job) -> {
            Instant submitted = Instant.ofEpochMilli(submissions.get(jobId).timestamp());
            JobStatus status = statuses.get(jobId);
            if (status == null || status.isFinal() && submitted.isAfter(status.updated())) {
                statuses.put(jobId, new JobStatus(jobId, job.model(), QUEUED, status == null ? null : status.lastEvent(),
                        submitted));
            }
        });
        return statuses;
    }

    /** Null for a tombstone or a record that is not a valid message: those belong to whoever wrote them. */
    static <T> T parse(String json, Class<T> type) {
        try {
            return json == null ? null : MessageCodec.fromJson(json, type);
        } catch (InvalidMessageException e) {
            return null;
        }
    }
}
