package io.github.cyclegan.trainingworker.job;

import java.io.IOException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.github.cyclegan.messaging.MessageCodec;

/**
 * Reads {@code {"jobId": ..., "action": "cancel"}} from the control topic. Every worker reads every
 * command (a consumer group per instance) because only the one running the job knows it; the
 * training thread picks the cancel up at its next iteration.
 */
@ApplicationScoped
public class ControlConsumer {

    private static final Logger LOG = Logger.getLogger(ControlConsumer.class);

    record Command(String jobId, String action) {
    }

    @Inject
    JobControl control;

    @Incoming("control")
    public void consume(String payload) {
        Command command;
        try {
            command = MessageCodec.mapper().readValue(payload, Command.class);
        } catch (IOException e) {
            LOG.warnf("ignoring unreadable control message: %s", e.getMessage());
            return;
        }
        if (!"cancel".equals(command.action()) || command.jobId() == null) {
            LOG.warnf("ignoring control message %s: only {\"jobId\": ..., \"action\": \"cancel\"} is understood", payload);
            return;
        }
        LOG.infof("cancel requested for job %s", command.jobId());
        control.cancel(command.jobId());
    }
}
