package io.github.cyclegan.trainingworker.job;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.github.cyclegan.messaging.InvalidMessageException;
import io.github.cyclegan.messaging.MessageCodec;
import io.github.cyclegan.messaging.TrainingControl;

/**
 * Reads {@link TrainingControl} commands from the control topic. Every worker reads every command (a consumer
 * group per instance) because only the one running the job knows it; the training thread picks a cancel up at its
 * next iteration.
 */
@ApplicationScoped
public class ControlConsumer {

    private static final Logger LOG = Logger.getLogger(ControlConsumer.class);

    @Inject
    JobControl control;

    @Incoming("control")
    public void consume(String payload) {
        TrainingControl command;
        try {
            command = MessageCodec.fromJson(payload, TrainingControl.class);
        } catch (InvalidMessageException e) {
            LOG.warnf("ignoring unreadable control message: %s", e.getMessage());
            return;
        }
        LOG.infof("cancel requested for job %s", command.jobId());
        control.cancel(command.jobId());
    }
}
