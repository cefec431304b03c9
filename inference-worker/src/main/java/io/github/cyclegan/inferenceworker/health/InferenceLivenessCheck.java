package io.github.cyclegan.inferenceworker.health;

import io.github.cyclegan.inferenceworker.config.ServingConfig;
import io.github.cyclegan.inferenceworker.faults.StorageOutage;
import io.github.cyclegan.inferenceworker.faults.WaitingRequests;
import io.github.cyclegan.inferenceworker.faults.WaitingRequests.Reason;
import io.github.cyclegan.inferenceworker.faults.Watchdog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;
import org.jboss.logging.Logger;

/**
 * Live unless the worker can no longer help itself: storage has been unreachable, or a request has waited for storage
 * or the broker, longer than {@code outage-patience}; or a step of a request (a storage call, a forward pass) has run
 * longer than {@code stall-timeout}. A restart then redelivers every request the worker holds, none of them
 * acknowledged. Within the patience an outage is reported in the data only, and the worker waits. Reads memory only:
 * the check never calls storage or the broker itself.
 */
@Liveness
@ApplicationScoped
public class InferenceLivenessCheck implements HealthCheck {
    private static final Logger LOG = Logger.getLogger(InferenceLivenessCheck.class);

    @Inject
    ServingConfig config;
    @Inject
    StorageOutage storage;
    @Inject
    WaitingRequests waiting;
    @Inject
    Watchdog watchdog;

    private volatile boolean lastUp = true;

    @Override
    public HealthCheckResponse call() {
        Duration patience = config.outagePatience();
        Optional<Duration> storageDown = storage.unavailableFor();
        Optional<Map.Entry<Reason, Duration>> longestWait = waiting.longest();
        Optional<Watchdog.Stall> stall = watchdog.stall();

        HealthCheckResponseBuilder response = HealthCheckResponse.named("inference")
                .withData("storageAvailable", storageDown.isEmpty())
                .withData("requestsWaitingForStorage", waiting.count(Reason.STORAGE))
                .withData("requestsWaitingForBroker", waiting.count(Reason.BROKER))
                .withData("outagePatienceSeconds", patience.toSeconds());
        storageDown.ifPresent(d -> response.withData("storageUnavailableSeconds", d.toSeconds()));
        longestWait.ifPresent(w -> response.withData("longestWaitSeconds", w.getValue().toSeconds())
                .withData("longestWaitFor", w.getKey().name().toLowerCase(java.util.Locale.ROOT)));

        String down = null;
        if (storageDown.filter(d -> d.compareTo(patience) > 0).isPresent()) {
            down = "storage unreachable for " + storageDown.get().toSeconds() + " s, longer than the outage patience";
        } else if (longestWait.filter(w -> w.getValue().compareTo(patience) > 0).isPresent()) {
            down = "a request has waited " + longestWait.get().getValue().toSeconds() + " s for the "
                    + longestWait.get().getKey().name().toLowerCase(java.util.Locale.ROOT)
                    + ", longer than the outage patience";
        } else if (stall.isPresent()) {
            Watchdog.Stall s = stall.get();
            down = "'" + s.step() + "' of " + s.subject() + " has run " + s.running().toSeconds()
                    + " s, longer than the stall timeout";
        }
        stall.ifPresent(s -> response.withData("stalledStep", s.step()).withData("stalledSubject", s.subject())
                .withData("stalledSeconds", s.running().toSeconds()));
        if (down != null) {
            response.withData("reason", down);
        }
        report(down);
        return response.status(down == null).build();
    }

    /** Logs the transitions only: probes call this every few seconds. */
    private void report(String down) {
        boolean up = down == null;
        if (up != lastUp) {
            lastUp = up;
            if (up) {
                LOG.info("liveness is UP again");
            } else {
                LOG.errorf("liveness DOWN: %s; a restart redelivers the requests this worker holds", down);
            }
        }
    }
}
