package io.github.cyclegan.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every Kafka producer of the workers waits for all in-sync replicas and is idempotent: SmallRye's connector gives an
 * outgoing channel acks=1 unless told otherwise, which also turns Kafka's idempotence off. That covers each outgoing
 * channel and the dead-letter producer of each incoming channel that has one.
 */
class ProducerDurabilityTest {

    private static final Pattern OUTGOING = Pattern.compile("mp\\.messaging\\.outgoing\\.([\\w-]+)\\.connector");
    private static final Pattern DEAD_LETTERS =
            Pattern.compile("mp\\.messaging\\.incoming\\.([\\w-]+)\\.failure-strategy");

    @ParameterizedTest
    @EnumSource(Worker.class)
    void everyProducerUsesAcksAllAndIdempotence(Worker worker) {
        List<String> producers = new ArrayList<>();
        for (String key : worker.keys()) {
            Matcher outgoing = OUTGOING.matcher(key);
            if (outgoing.matches()) {
                producers.add("mp.messaging.outgoing." + outgoing.group(1) + ".");
            }
            Matcher dlq = DEAD_LETTERS.matcher(key);
            if (dlq.matches() && "dead-letter-queue".equals(worker.property(key))) {
                producers.add("mp.messaging.incoming." + dlq.group(1) + ".dead-letter-queue.");
            }
        }
        assertThat(producers).as("%s's producers", worker).isNotEmpty();
        for (String producer : producers) {
            assertThat(worker.property(producer + "acks")).as(producer + "acks").isEqualTo("all");
            assertThat(worker.property(producer + "enable.idempotence")).as(producer + "enable.idempotence")
                    .isEqualTo("true");
        }
    }
}
