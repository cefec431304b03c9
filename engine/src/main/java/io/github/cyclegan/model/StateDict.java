package io.github.cyclegan.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Moves weights between a network and arrays keyed by the reference's state-dict names. */
public final class StateDict {

    private StateDict() {}

    /** Copies every entry into {@code manager}, keyed and named by its state-dict key, in the reference's order. */
    public static Map<String, NDArray> export(List<StateDictEntry> entries, NDManager manager) {
        Map<String, NDArray> out = new LinkedHashMap<>();
        for (StateDictEntry entry : entries) {
            NDArray copy = entry.parameter().getArray().duplicate();
            copy.attach(manager);
            copy.setName(entry.key());
            out.put(entry.key(), copy);
        }
        return out;
    }

    private static final List<String> NORM_BUFFERS = List.of("running_mean", "running_var", "num_batches_tracked");

    /**
     * The reference's fix-up for checkpoints saved before PyTorch 0.4, whose InstanceNorm layers stored running
     * statistics: returns {@code values} without norm-buffer keys that belong to no module of this network.
     */
    public static Map<String, NDArray> withoutInstanceNormBuffers(List<StateDictEntry> entries,
            Map<String, NDArray> values) {
        Set<String> known = entries.stream().map(StateDictEntry::key).collect(Collectors.toSet());
        Map<String, NDArray> kept = new LinkedHashMap<>();
        values.forEach((key, value) -> {
            String name = key.substring(key.lastIndexOf('.') + 1);
            if (known.contains(key) || !NORM_BUFFERS.contains(name)) {
                kept.put(key, value);
            }
        });
        return kept;
    }

    /**
     * Copies values into the network's arrays in place, so optimisers keep their references. Like PyTorch's
     * strict load, the keys must match exactly and every shape must agree; nothing is written otherwise.
     * Values of another numeric type (e.g. float64, or int64 counters as float) are converted.
     */
    public static void load(List<StateDictEntry> entries, Map<String, NDArray> values) {
        List<String> problems = new ArrayList<>();
        TreeSet<String> unexpected = new TreeSet<>(values.keySet());
        List<String> missing = new ArrayList<>();
        for (StateDictEntry entry : entries) {
            unexpected.remove(entry.key());
            NDArray value = values.get(entry.key());
            if (value == null) {
                missing.add(entry.key());
            } else if (!value.getShape().equals(entry.shape())) {
                problems.add("size mismatch for " + entry.key() + ": checkpoint has " + value.getShape()
                        + ", the network has " + entry.shape());
            }
        }
        if (!missing.isEmpty()) {
            problems.add("missing keys " + missing);
        }
        if (!unexpected.isEmpty()) {
            problems.add("unexpected keys " + unexpected);
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Cannot load state dict: " + String.join("; ", problems));
        }
        for (StateDictEntry entry : entries) {
            NativeCopy.overwrite(entry.parameter().getArray(), values.get(entry.key()));
        }
    }
}
