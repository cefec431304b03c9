package io.github.cyclegan.inferenceworker.pipeline;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/** Milliseconds per stage of one request, in the order the result reports them. Used by one thread at a time. */
public final class Timings {
    private final Map<String, Long> millis = new LinkedHashMap<>();
    private final long startNanos = System.nanoTime();

    public Timings(long queueMillis) {
        this(queueMillis, 0);
    }

    /**
     * @param waitedMillis how long the request waited for storage or the broker to come back before this try
     *                     (reported as {@code outage} when positive)
     */
    public Timings(long queueMillis, long waitedMillis) {
        millis.put("queue", Math.max(0, queueMillis));
        if (waitedMillis > 0) {
            millis.put("outage", waitedMillis);
        }
    }

    public <T> T time(String stage, Supplier<T> work) {
        long start = System.nanoTime();
        try {
            return work.get();
        } finally {
            record(stage, start);
        }
    }

    public void record(String stage, long startNanos) {
        millis.merge(stage, (System.nanoTime() - startNanos) / 1_000_000, Long::sum);
    }

    /**
     * The stages so far plus {@code total}: the queue, any wait for an outage and the time in this worker, as clients
     * experience it.
     */
    public Map<String, Long> finish() {
        Map<String, Long> out = new LinkedHashMap<>(millis);
        out.put("total", millis.get("queue") + millis.getOrDefault("outage", 0L)
                + (System.nanoTime() - startNanos) / 1_000_000);
        return out;
    }
}
