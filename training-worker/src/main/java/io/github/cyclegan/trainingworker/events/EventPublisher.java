package io.github.cyclegan.trainingworker.events;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.jboss.logging.Logger;

import io.github.cyclegan.messaging.MessageCodec;
import io.github.cyclegan.messaging.TrainingEvent;
import io.github.cyclegan.trainingworker.job.WorkerIdentity;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;

/**
 * Publishes {@link TrainingEvent}s keyed by jobId, stamped with this worker's id, and waits for the
 * broker's acknowledgement, so that a job's final event is stored before the job itself is
 * acknowledged.
 */
@ApplicationScoped
public class EventPublisher {

    private static final Logger LOG = Logger.getLogger(EventPublisher.class);

    @Inject
    @Channel("events")
    MutinyEmitter<String> events;

    @Inject
    WorkerIdentity identity;

    public void publish(TrainingEvent unstamped) {
        TrainingEvent event = unstamped.withWorker(identity.id());
        LOG.infof("job %s (%s): %s%s%s", event.jobId(), event.model(), event.state(),
                event.iteration() == null ? "" : " at iteration " + event.iteration(),
                event.error() == null ? "" : ": " + event.error());
        events.sendMessageAndAwait(KafkaRecord.of(event.kafkaKey(), MessageCodec.toJson(event)));
    }
}
