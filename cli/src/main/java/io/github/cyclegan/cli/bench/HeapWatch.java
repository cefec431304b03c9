package io.github.cyclegan.cli.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Java heap while one piece of work runs on the calling thread: each heap pool's peak usage (after
 * {@link MemoryPoolMXBean#resetPeakUsage}), the collections that ran, and the bytes the thread allocated. A pool's
 * peak includes garbage not yet collected, and the pools peak at different moments, so the sum of the peaks is an
 * upper bound of the heap in use at any one time; run with a small {@code -Xmx} to see what the work needs at least.
 */
public final class HeapWatch {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** What the heap did during the work. */
    public record Report(long usedBeforeBytes, Map<String, Long> peakBytesByPool, Map<String, Long> collectionsByCollector,
            long collectionMillis, long allocatedBytes, long maxHeapBytes) {

        public long peakBytes() {
            return peakBytesByPool.values().stream().mapToLong(Long::longValue).sum();
        }

        public long collections() {
            return collectionsByCollector.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private final List<MemoryPoolMXBean> pools;
    private final Map<String, long[]> gcStart = new LinkedHashMap<>();
    private final long usedBefore;
    private final long allocatedStart;

    private HeapWatch() {
        System.gc();
        pools = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP).toList();
        usedBefore = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        pools.forEach(MemoryPoolMXBean::resetPeakUsage);
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            gcStart.put(gc.getName(), new long[] {gc.getCollectionCount(), gc.getCollectionTime()});
        }
        allocatedStart = THREADS.getCurrentThreadAllocatedBytes();
    }

    /** Collects garbage, then starts watching: what the heap holds now is the baseline. */
    public static HeapWatch start() {
        return new HeapWatch();
    }

    public Report stop() {
        long allocated = THREADS.getCurrentThreadAllocatedBytes() - allocatedStart;
        Map<String, Long> peaks = new LinkedHashMap<>();
        pools.forEach(pool -> peaks.put(pool.getName(), pool.getPeakUsage().getUsed()));
        Map<String, Long> collections = new LinkedHashMap<>();
        long millis = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            long[] start = gcStart.getOrDefault(gc.getName(), new long[] {0, 0});
            collections.put(gc.getName(), gc.getCollectionCount() - start[0]);
            millis += gc.getCollectionTime() - start[1];
        }
        return new Report(usedBefore, peaks, collections, millis, allocated,
                ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax());
    }
}
