package io.github.cyclegan.trainingworker.job;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.reactive.messaging.annotations.Blocking;

/**
 * Takes training jobs off the jobs topic one at a time (ordered blocking: the next job starts when
 * this one returns) and acknowledges each only in a final state, so a job whose worker dies or
 * shuts down mid-way is redelivered to another worker.
 */
@ApplicationScoped
public class JobConsumer {

    @Inject
    JobRunner runner;

    @Incoming("jobs")
    @Blocking
    public CompletionStage<Void> consume(Message<String> job) {
        return runner.run(job.getPayload()) ? job.ack() : CompletableFuture.completedFuture(null);
    }
}
