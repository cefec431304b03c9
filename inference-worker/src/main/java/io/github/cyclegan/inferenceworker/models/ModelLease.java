package io.github.cyclegan.inferenceworker.models;

import io.github.cyclegan.serving.GeneratorModel;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A request's hold on a loaded generator: while any lease is open the cache never closes it, even when a newer
 * version or LRU eviction has dropped it. Close exactly once (further closes do nothing).
 */
public final class ModelLease implements AutoCloseable {
    private final ModelCache.Entry entry;
    private final AtomicBoolean closed = new AtomicBoolean();

    ModelLease(ModelCache.Entry entry) {
        this.entry = entry;
    }

    public ModelKey key() {
        return entry.key;
    }

    public GeneratorModel model() {
        return entry.loaded().model();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            entry.release();
        }
    }
}
