package io.github.cyclegan.inferenceworker.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
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

    /** A try of a request that met a transient fault of {@code dependency} (storage, broker) and will be repeated. */
    public void transientFault(String dependency) {
        Counter.builder("cyclegan.inference.transient.faults")
                .description("Tries of a request that met a transient storage or broker fault; each is repeated")
                .tag("dependency", dependency).register(registry).increment();
    }

    /** 1 while storage is known to be unreachable, else 0. */
    public void storageUnavailable(Supplier<Number> value) {
        gauge("cyclegan.inference.storage.unavailable", "1 while storage is unreachable and requests wait for it", value);
    }

    /** 1 while the request consumer holds a record back because storage is unreachable, else 0. */
    public void consumptionPaused(Supplier<Number> value) {
        gauge("cyclegan.inference.consumption.paused", "1 while taking requests is paused by a storage outage", value);
    }

    /** Requests taken that wait for storage or for the broker ({@code reason}). */
    public void requestsWaiting(String reason, Supplier<Number> count) {
        Gauge.builder("cyclegan.inference.requests.waiting", count, c -> c.get().doubleValue())
                .description("Requests taken and unacknowledged that wait for storage or the broker to come back")
                .tag("reason", reason).strongReference(true).register(registry);
    }

    private void gauge(String name, String description, Supplier<Number> value) {
        Gauge.builder(name, value, v -> v.get().doubleValue()).description(description).strongReference(true)
                .register(registry);
    }
}
