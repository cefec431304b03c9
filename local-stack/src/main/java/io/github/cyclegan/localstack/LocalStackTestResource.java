package io.github.cyclegan.localstack;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Quarkus test resource: {@code @QuarkusTestResource(LocalStackTestResource.class)} points the
 * application under test at the JVM's shared local stack (real Kafka and S3).
 */
public final class LocalStackTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return SharedLocalStack.get().clientProperties();
    }

    @Override
    public void stop() {
        // The stack is shared by every test class in this JVM; SharedLocalStack stops it at exit.
    }
}
