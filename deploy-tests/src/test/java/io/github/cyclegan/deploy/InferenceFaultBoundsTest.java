package io.github.cyclegan.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The inference worker's bounds on waiting, as its application.properties sets them: every Kafka call it makes ends
 * (explicit timeouts, none longer than ten minutes), and they fit together with the outage patience: a blocking
 * consumer call outlasts the patience (a failed committed-offset lookup ends the connector's channel for good), and the
 * connector's own bound on an unacknowledged record lies beyond it (else the connector, not the patience, would decide
 * when a pod restarts).
 */
class InferenceFaultBoundsTest {
    private static final Worker WORKER = Worker.INFERENCE;
    private static final Duration MAX = Duration.ofMinutes(10);
    private static final String RESULTS = "mp.messaging.outgoing.results.";
    private static final String REQUESTS = "mp.messaging.incoming.requests.";
    private static final String DEAD_LETTERS = REQUESTS + "dead-letter-queue.";

    @Test
    void everyProducerCallIsBoundedAndADeliveryOutlastsItsRequests() {
        for (String producer : new String[] {RESULTS, DEAD_LETTERS}) {
            Duration request = millis(producer + "request.timeout.ms");
            Duration block = millis(producer + "max.block.ms");
            Duration delivery = millis(producer + "delivery.timeout.ms");
            assertThat(delivery).as(producer + "delivery.timeout.ms").isGreaterThanOrEqualTo(request)
                    .isLessThanOrEqualTo(MAX);
            assertThat(block).as(producer + "max.block.ms").isLessThanOrEqualTo(MAX);
        }
    }

    @Test
    void everyConsumerCallIsBoundedAndOutlastsTheOutagePatience() {
        Duration patience = WORKER.durationProperty("cyclegan.inference.outage-patience");
        assertThat(millis(REQUESTS + "request.timeout.ms")).isLessThanOrEqualTo(MAX);
        assertThat(millis(REQUESTS + "session.timeout.ms")).isLessThanOrEqualTo(MAX);
        assertThat(millis(REQUESTS + "default.api.timeout.ms")).as("a blocking consumer call")
                .isGreaterThanOrEqualTo(patience).isLessThanOrEqualTo(MAX);
        assertThat(millis(REQUESTS + "throttled.unprocessed-record-max-age.ms"))
                .as("the connector's bound on an unacknowledged record").isGreaterThan(patience);
    }

    @Test
    void storageCallsAreBoundedByDefault() {
        assertThat(WORKER.durationProperty("cyclegan.storage.connect-timeout")).isLessThanOrEqualTo(MAX);
        assertThat(WORKER.durationProperty("cyclegan.storage.call-timeout")).isLessThanOrEqualTo(MAX);
        assertThat(WORKER.keys()).contains("cyclegan.inference.outage-patience", "cyclegan.inference.stall-timeout",
                "cyclegan.inference.retry-backoff");
    }

    private static Duration millis(String key) {
        String value = WORKER.property(key);
        assertThat(value).as(key + " is set").isNotNull();
        return Duration.ofMillis(Long.parseLong(value));
    }
}
