package io.github.cyclegan.trainingworker.ops;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.runtime.Startup;

import io.github.cyclegan.messaging.TrainingState;
import io.github.cyclegan.training.LossTerms;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The worker's Prometheus metrics (at /q/metrics), named {@code cyclegan_training_*}. Created at start-up,
 * so that every series exists before the first job (a lazy bean registered them only once a job ran).
 */
@Startup
@ApplicationScoped
public class TrainingMetrics {

    private final MeterRegistry registry;
    private final Counter iterations;
    private final Timer checkpointDuration;
    private final Counter outages;
    private final Map<String, Double> losses = new ConcurrentHashMap<>();
    private volatile double imagesPerSecond;

    @Inject
    public TrainingMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.iterations = Counter.builder("cyclegan.training.iterations").description("training iterations run")
                .register(registry);
        this.checkpointDuration = Timer.builder("cyclegan.training.checkpoint.duration")
                .description("time to store one checkpoint").register(registry);
        this.outages = Counter.builder("cyclegan.training.outages")
                .description("times a job stopped for an outage of storage or the broker and waited to resume")
                .register(registry);
        Gauge.builder("cyclegan.training.images.per.second", this, m -> m.imagesPerSecond)
                .description("training throughput over the last reporting interval").register(registry);
        // Registered up front so dashboards see 0 rather than no series before the first skip.
        for (String domain : new String[] {"A", "B"}) {
            imagesSkipped(domain, 0);
        }
        new LossTerms(0, 0, 0, 0, 0, 0, 0, 0).asMap().keySet().forEach(term -> Gauge
                .builder("cyclegan.training.loss", losses, l -> l.getOrDefault(term, Double.NaN))
                .tag("term", term).description("latest loss by reference term").register(registry));
    }

    public void iteration(LossTerms terms) {
        iterations.increment();
        losses.putAll(terms.asMap());
    }

    public void throughput(double value) {
        imagesPerSecond = value;
    }

    public void checkpointStored(Duration took) {
        checkpointDuration.record(took);
    }

    /** Images of {@code domain} (A or B) a job runs without because they could not be decoded. */
    public void imagesSkipped(String domain, int count) {
        Counter.builder("cyclegan.training.images.skipped").tag("domain", domain)
                .description("unreadable dataset images left out of jobs, counted per job").register(registry)
                .increment(count);
    }

    /** A job stopped for an outage and waits to resume from its last checkpoint. */
    public void outage() {
        outages.increment();
    }

    public void jobEnded(TrainingState state) {
        registry.counter("cyclegan.training.jobs", "state", state.name()).increment();
    }
}
