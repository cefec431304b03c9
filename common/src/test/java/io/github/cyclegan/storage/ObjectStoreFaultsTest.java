package io.github.cyclegan.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.github.cyclegan.localstack.LocalStack;
import io.github.cyclegan.localstack.LocalStackExtension;

/**
 * Storage faults as the object store sees them, through the shared stack's fault proxy: a server that hangs fails each
 * attempt within the call timeout, and every way of being unreachable is transient (worth waiting for), never a
 * missing object.
 */
@ExtendWith(LocalStackExtension.class)
class ObjectStoreFaultsTest {

    private final LocalStack stack;
    private final ObjectStore store;

    ObjectStoreFaultsTest(LocalStack stack) {
        this.stack = stack;
        String bucket = "faults-" + UUID.randomUUID().toString().substring(0, 8);
        store = new ObjectStore(ObjectStoreTest.settings(stack).withBucket(bucket)
                .withTimeouts(Duration.ofSeconds(5), Duration.ofMillis(500)));
    }

    @AfterEach
    void heal() {
        stack.heal();
    }

    @Test
    void aHungServerFailsEachAttemptWithinTheCallTimeoutAsTransient() {
        store.put("inputs/hung.txt", new byte[] {1, 2, 3}, "text/plain");

        stack.s3Proxy().freeze();
        assertThatThrownBy(() -> store.get("inputs/hung.txt"))
                .isInstanceOf(StorageException.class)
                .isNotInstanceOf(ObjectNotFoundException.class)
                .hasCauseInstanceOf(SocketTimeoutException.class)
                .satisfies(e -> assertThat(((StorageException) e).isTransient()).isTrue());

        stack.s3Proxy().pass();
        assertThat(store.get("inputs/hung.txt")).containsExactly(1, 2, 3);
    }

    @Test
    void aStoppedServerAndCutConnectionsAreTransient() {
        store.put("inputs/stopped.txt", new byte[] {4}, "text/plain");

        stack.stopS3();
        assertThatThrownBy(() -> store.get("inputs/stopped.txt"))
                .isInstanceOf(StorageException.class)
                .isNotInstanceOf(ObjectNotFoundException.class)
                .satisfies(e -> assertThat(((StorageException) e).isTransient()).isTrue());
        stack.startS3();

        stack.s3Proxy().refuse();
        stack.s3Proxy().cutConnections();
        assertThatThrownBy(() -> store.put("inputs/refused.txt", new byte[] {5}, "text/plain"))
                .isInstanceOf(StorageException.class)
                .satisfies(e -> assertThat(((StorageException) e).isTransient()).isTrue());
        stack.s3Proxy().pass();
        assertThat(store.get("inputs/stopped.txt")).containsExactly(4);
    }

    @Test
    void settingsCarryBoundedTimeouts() {
        StorageSettings defaults = StorageSettings.of(stack.s3Endpoint(), "a", "b");
        assertThat(defaults.connectTimeout()).isEqualTo(StorageSettings.DEFAULT_CONNECT_TIMEOUT);
        assertThat(defaults.callTimeout()).isEqualTo(StorageSettings.DEFAULT_CALL_TIMEOUT);
        assertThat(defaults.toString()).contains("connectTimeout=PT10S", "callTimeout=PT30S");
        assertThatThrownBy(() -> defaults.withTimeouts(Duration.ZERO, Duration.ofSeconds(1)))
                .hasMessageContaining("connect timeout must be positive");
        assertThatThrownBy(() -> defaults.withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(-1)))
                .hasMessageContaining("call timeout must be positive");
    }
}
