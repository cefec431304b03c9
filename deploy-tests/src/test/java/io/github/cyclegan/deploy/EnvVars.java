package io.github.cyclegan.deploy;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/** Which environment variables a worker's container may set. */
final class EnvVars {

    /**
     * Read from the environment by the JVM launcher (the image's entrypoint expands JAVA_OPTS), the C
     * libraries (OpenMP, the dynamic loader, jemalloc) or DJL, not by the worker's configuration.
     * DockerfileTest checks that the image sets or expands each of them.
     */
    static final Set<String> PROCESS = Set.of("JAVA_OPTS", "OMP_WAIT_POLICY", "OMP_NUM_THREADS", "LD_PRELOAD",
            "MALLOC_CONF", "DJL_OFFLINE", "DJL_CACHE_DIR");

    private EnvVars() {}

    /** The names among {@code names} that nothing in {@code worker} reads. */
    static List<String> unread(Worker worker, Collection<String> names) {
        return names.stream().filter(n -> !PROCESS.contains(n) && worker.propertyOf(n) == null && !isKafkaClientSetting(n))
                .sorted().toList();
    }

    /**
     * Quarkus hands every {@code kafka.*} property to all Kafka clients (channels, and the inference
     * worker's models reader) as a client setting, turning '_' into '.': KAFKA_SASL_JAAS_CONFIG is
     * sasl.jaas.config. Such a variable must name a setting both consumers and producers know.
     */
    static boolean isKafkaClientSetting(String name) {
        if (!name.startsWith("KAFKA_")) {
            return false;
        }
        String key = name.substring("KAFKA_".length()).toLowerCase(Locale.ROOT).replace('_', '.');
        return ConsumerConfig.configNames().contains(key) && ProducerConfig.configNames().contains(key);
    }
}
