package io.github.cyclegan.trainingworker;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.hasItem;

import org.junit.jupiter.api.Test;

import io.github.cyclegan.localstack.LocalStackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class OperationsTest {

    @Test
    void readinessIncludesTheObjectStore() {
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("checks.name", hasItem("object-store"));
    }

    /**
     * The training check is served with its bound and the job it watches ("none" when idle; other test
     * classes' jobs may still be finishing here). TrainingLivenessCheckTest covers idle, running and stalled.
     */
    @Test
    void livenessIncludesTheTrainingCheckWithItsBound() {
        given().when().get("/q/health/live").then().statusCode(200)
                .body("checks.find { it.name == 'training' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'training' }.data.job", notNullValue())
                .body("checks.find { it.name == 'training' }.data.stallTimeout", equalTo("PT15M"));
    }

    @Test
    void metricsExposeTrainingMeters() {
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("cyclegan_training_iterations_total"))
                .body(containsString("cyclegan_training_loss{term=\"cycle_A\""))
                .body(containsString("cyclegan_training_images_per_second"))
                .body(containsString("cyclegan_training_images_skipped_total{domain=\"B\""));
    }
}
