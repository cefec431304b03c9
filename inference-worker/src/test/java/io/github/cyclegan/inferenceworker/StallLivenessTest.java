package io.github.cyclegan.inferenceworker;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import io.github.cyclegan.inferenceworker.faults.Watchdog;
import io.github.cyclegan.localstack.LocalStackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A step that never ends (held open here, as a hung native call would hold it) turns the worker's liveness DOWN once
 * it has run longer than the stall timeout (PT3S in tests), naming the step, and UP again when it ends. A real storage
 * call cannot hang that long: the call timeout ends it first (OutageTest); WatchdogTest checks the bound itself.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class StallLivenessTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Inject
    Watchdog watchdog;

    @Test
    void aStepRunningPastTheStallTimeoutTurnsLivenessDownUntilItEnds() {
        try (Watchdog.Activity hung = watchdog.start("stall-test", "forward pass")) {
            await("liveness DOWN").atMost(TIMEOUT).until(() -> given().get("/q/health/live").statusCode() == 503);
            given().get("/q/health/live").then()
                    .body(containsString("\"stalledStep\": \"forward pass\""))
                    .body(containsString("\"stalledSubject\": \"stall-test\""))
                    .body(containsString("longer than the stall timeout"));
        }
        await("liveness UP").atMost(TIMEOUT).until(() -> given().get("/q/health/live").statusCode() == 200);
    }
}
