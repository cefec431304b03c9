package io.github.cyclegan.storage;

import java.util.List;

/**
 * Where datasets live in the bucket: the reference's layout, {@code datasets/{name}/trainA|trainB|testA|testB/},
 * which training jobs name as their {@code datasetA} and {@code datasetB}.
 */
public final class DatasetKeys {

    /** Prefix of every dataset. */
    public static final String ROOT = "datasets/";

    /** The reference's folders: unpaired training images of domains A and B, and their test images. */
    public static final List<String> FOLDERS = List.of("trainA", "trainB", "testA", "testB");

    private DatasetKeys() {
    }

    /** Key prefix of one folder of a dataset, e.g. {@code datasets/horse2zebra/trainA/}. */
    public static String folder(String dataset, String folder) {
        if (dataset == null || dataset.isBlank() || dataset.contains("/")) {
            throw new InvalidObjectKeyException("a dataset name must be one path segment, got '" + dataset + "'");
        }
        if (!FOLDERS.contains(folder)) {
            throw new InvalidObjectKeyException("a dataset folder is one of " + FOLDERS + ", got '" + folder + "'");
        }
        return ObjectKeys.requirePrefix(ROOT + dataset + "/" + folder + "/");
    }
}
