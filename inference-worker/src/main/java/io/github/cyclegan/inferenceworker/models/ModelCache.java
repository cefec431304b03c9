package io.github.cyclegan.inferenceworker.models;

import io.github.cyclegan.inferenceworker.config.ServingConfig;
import io.github.cyclegan.inferenceworker.metrics.WorkerMetrics;
import io.github.cyclegan.messaging.Direction;
import io.github.cyclegan.messaging.ModelVersion;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.jboss.logging.Logger;

/**
 * Loaded generators, least recently used first, within a byte budget. Generators load lazily, once per key however
 * many requests ask at the same time. An entry dropped from the cache is closed only when its last lease is
 * released, so a request never loses its generator mid-batch (hot swap without failures).
 */
@Startup
@ApplicationScoped
public class ModelCache {
    private static final Logger LOG = Logger.getLogger(ModelCache.class);

    /** Access-ordered: iteration starts at the least recently used entry. Guarded by {@code this}. */
    private final LinkedHashMap<ModelKey, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long loadedBytes;

    @Inject
    GeneratorLoader loader;
    @Inject
    ServingConfig config;
    @Inject
    WorkerMetrics metrics;

    final class Entry {
        final ModelKey key;
        final CompletableFuture<LoadedGenerator> loading = new CompletableFuture<>();
        private int leases;
        private boolean dropped;

        Entry(ModelKey key) {
            this.key = key;
        }

        LoadedGenerator loaded() {
            return loading.join();
        }

        void release() {
            synchronized (ModelCache.this) {
                leases--;
                closeIfUnused(this);
            }
        }
    }

    @PostConstruct
    void registerGauge() {
        metrics.loadedModels(this::loadedCount);
    }

    /** A lease on {@code version}'s generator for {@code direction}, loading it first when needed (blocking). */
    public ModelLease acquire(ModelVersion version, Direction direction) {
        ModelKey key = new ModelKey(version.model(), version.version(), direction);
        Entry entry;
        boolean mustLoad;
        synchronized (this) {
            entry = entries.get(key);
            mustLoad = entry == null;
            if (mustLoad) {
                entry = new Entry(key);
                entries.put(key, entry);
            }
            entry.leases++;
        }
        if (mustLoad) {
            load(entry, version, direction);
        }
        try {
            entry.loading.join();
        } catch (CompletionException e) {
            entry.release();
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException("loading " + key
                    + " failed: " + e.getCause(), e.getCause());
        }
        return new ModelLease(entry);
    }

    private void load(Entry entry, ModelVersion version, Direction direction) {
        long start = System.nanoTime();
        try {
            LoadedGenerator loaded = loader.load(version, direction);
            metrics.modelLoaded(System.nanoTime() - start);
            LOG.infof("loaded %s (%d bytes) in %d ms", entry.key, loaded.bytes(), (System.nanoTime() - start) / 1_000_000);
            synchronized (this) {
                loadedBytes += loaded.bytes();
                entry.loading.complete(loaded);
                evictOverBudget(entry);
            }
        } catch (RuntimeException | Error e) {
            // Errors too (a stack overflow in a hostile file, an allocation too large): an entry left loading would
            // block every later request for the model. Not cached: the next request tries again (the weights may
            // appear, storage may recover).
            synchronized (this) {
                entries.remove(entry.key, entry);
                entry.dropped = true;
                entry.loading.completeExceptionally(e);
            }
        }
    }

    /** Drops least recently used generators until the budget holds; {@code keep} (just loaded) always stays. */
    private void evictOverBudget(Entry keep) {
        Iterator<Entry> lru = entries.values().iterator();
        while (loadedBytes > config.modelCacheBytes() && lru.hasNext()) {
            Entry candidate = lru.next();
            if (candidate != keep && candidate.loading.isDone() && !candidate.loading.isCompletedExceptionally()) {
                lru.remove();
                candidate.dropped = true;
                LOG.infof("evicting %s from the model cache", candidate.key);
                closeIfUnused(candidate);
            }
        }
    }

    private void closeIfUnused(Entry entry) {
        if (entry.dropped && entry.leases == 0 && entry.loading.isDone() && !entry.loading.isCompletedExceptionally()) {
            LoadedGenerator loaded = entry.loading.join();
            loadedBytes -= loaded.bytes();
            loaded.model().close();
        }
    }

    /** Generators currently in the cache (metrics). */
    public synchronized int loadedCount() {
        return (int) entries.values().stream().filter(e -> e.loading.isDone()).count();
    }

    /** Whether the generator is loaded (readiness of preloaded models). */
    public synchronized boolean isLoaded(ModelKey key) {
        Entry entry = entries.get(key);
        return entry != null && entry.loading.isDone() && !entry.loading.isCompletedExceptionally();
    }

    /** Priority 3000 runs after the request drain (priority 10): observers with lower values run first. */
    void close(@Observes @Priority(3000) ShutdownEvent event) {
        List<Entry> all;
        synchronized (this) {
            all = new ArrayList<>(entries.values());
            entries.clear();
            all.forEach(entry -> {
                entry.dropped = true;
                closeIfUnused(entry);
            });
        }
    }
}
