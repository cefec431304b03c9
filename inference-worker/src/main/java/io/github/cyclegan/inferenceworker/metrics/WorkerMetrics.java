package io.github.cyclegan.inferenceworker.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

/** The worker's Prometheus metrics, all prefixed {@code cyclegan_inference_}. */
@ApplicationScoped
public class WorkerMetrics {

    @Inject
    MeterRegistry registry;

    /** One answered request; {@code code} is "none" for OK results. */
    public void request(String status, String code, Map<String, Long> timingsMillis) {
        Counter.builder("cyclegan.inference.requests").description("Requests answered, by status and error code")
                .tag("status", status).tag("code", code).register(registry).increment();
        timingsMillis.forEach((stage, millis) -> Timer.builder("cyclegan.inference.stage")
                .description("Time per pipeline stage").tag("stage", stage).publishPercentileHistogram()
                .register(registry).record(Duration.ofMillis(millis)));
    }

    public void batch(int size) {
        DistributionSummary.builder("cyclegan.inference.batch.size").description("Images per forward pass")
                .publishPercentileHistogram().register(registry).record(size);
    }

    public void modelLoaded(long nanos) {
        Timer.builder("cyclegan.inference.model.load").description("Time to download and build a generator")
                .register(registry).record(Duration.ofNanos(nanos));
    }

    public void loadedModels(Supplier<Number> count) {
        registry.gauge("cyclegan.inference.models.loaded", registry, r -> count.get().doubleValue());
    }
}
