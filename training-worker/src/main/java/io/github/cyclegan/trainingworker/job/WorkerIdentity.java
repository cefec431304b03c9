package io.github.cyclegan.trainingworker.job;

import io.github.cyclegan.trainingworker.config.WorkerConfig;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.Map;

/**
 * Who this worker is: the configured instance id, else host and process id. The jobs channel joins its consumer
 * group under the instance id as a static member when one is configured ({@code kafka-configuration} of the channel).
 */
@ApplicationScoped
public class WorkerIdentity {

    /** The bean the jobs channel's {@code kafka-configuration} names. */
    public static final String JOBS_KAFKA_CONFIGURATION = "training-jobs-kafka";

    @Inject
    WorkerConfig config;
    /** Every {@code kafka.*} setting (brokers, SASL, TLS): a channel's own configuration bean stands in for it. */
    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaDefaults;

    public String id() {
        return config.instanceId().orElseGet(WorkerIdentity::hostAndProcess);
    }

    @Produces
    @Identifier(JOBS_KAFKA_CONFIGURATION)
    Map<String, Object> jobsKafkaConfiguration() {
        Map<String, Object> settings = new HashMap<>(kafkaDefaults);
        config.instanceId().ifPresent(id -> settings.put("group.instance.id", id));
        return settings;
    }

    private static String hostAndProcess() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        return host + "-" + ProcessHandle.current().pid();
    }
}
