package io.github.cyclegan.client;

import io.github.cyclegan.storage.ObjectStore;
import io.github.cyclegan.storage.StorageException;
import io.github.cyclegan.storage.StorageSettings;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.KafkaException;

/**
 * Kafka clients retry an absent broker for as long as they are let, and a client built against one blocks; this
 * asks each service once, within a bound, so that a caller can say "cannot reach Kafka at ..." instead of hanging.
 */
final class Reachability {

    private Reachability() {
    }

    static void kafka(String bootstrapServers, Duration timeout) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        Admin admin;
        try {
            admin = Admin.create(props);
        } catch (KafkaException e) {
            throw new UnreachableException(UnreachableException.Service.KAFKA, "cannot use Kafka at " + bootstrapServers + ": " + rootMessage(e), e);
        }
        try {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis())).nodes()
                    .get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new UnreachableException(UnreachableException.Service.KAFKA, "cannot reach Kafka at " + bootstrapServers + " within "
                    + timeout.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while connecting to Kafka", e);
        } finally {
            // The default close waits for the timed-out request's retries.
            admin.close(Duration.ZERO);
        }
    }

    /** One stat request without retries: enough to tell a missing server or wrong credentials from a working store. */
    static void storage(StorageSettings settings) {
        try {
            new ObjectStore(settings.withRetries(1, Duration.ZERO)).exists("models/.probe");
        } catch (StorageException e) {
            throw new UnreachableException(UnreachableException.Service.STORAGE, "cannot use the storage at " + settings.endpoint() + " (bucket "
                    + settings.bucket() + "): " + rootMessage(e), e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
