package io.github.cyclegan.client;

import io.github.cyclegan.storage.DatasetKeys;
import io.github.cyclegan.storage.ObjectInfo;
import io.github.cyclegan.storage.ObjectStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Training image sets in the bucket, in the reference's layout ({@code datasets/{name}/trainA|trainB|testA|testB/},
 * see {@link DatasetKeys}): what {@code TrainingJob.datasetA} and {@code datasetB} name. Thread-safe.
 */
public final class Datasets {

    private final ObjectStore store;

    Datasets(ObjectStore store) {
        this.store = store;
    }

    /** The {@code s3://} URI of one folder of a dataset, for a TrainingJob. */
    public String uri(String dataset, String folder) {
        return store.uri(DatasetKeys.folder(dataset, folder)).toString();
    }

    /** Stores one image; the content type labels the object for whoever browses the bucket. */
    public void put(String dataset, String folder, String fileName, byte[] image) {
        store.put(DatasetKeys.folder(dataset, folder) + fileName, image, ImageTypes.contentType(image));
    }

    /** The file names in one folder of a dataset, by name; empty when the folder does not exist. */
    public List<String> files(String dataset, String folder) {
        String prefix = DatasetKeys.folder(dataset, folder);
        List<String> names = new ArrayList<>();
        for (ObjectInfo object : store.list(prefix)) {
            names.add(object.key().substring(prefix.length()));
        }
        return names;
    }

    public byte[] read(String dataset, String folder, String fileName) {
        return store.get(DatasetKeys.folder(dataset, folder) + fileName);
    }

    /** Deletes the files of a folder that {@code keep} does not name (what an earlier upload left); returns how many. */
    public int deleteAllBut(String dataset, String folder, Set<String> keep) {
        String prefix = DatasetKeys.folder(dataset, folder);
        int deleted = 0;
        for (String name : files(dataset, folder)) {
            if (!keep.contains(name)) {
                store.delete(prefix + name);
                deleted++;
            }
        }
        return deleted;
    }

    /** Every dataset with the number of files in each of its folders, both by name. */
    public Map<String, Map<String, Integer>> summary() {
        Map<String, Map<String, Integer>> datasets = new TreeMap<>();
        for (ObjectInfo object : store.list(DatasetKeys.ROOT)) {
            String[] parts = object.key().split("/", 4);
            if (parts.length == 4) {
                datasets.computeIfAbsent(parts[1], d -> new TreeMap<>()).merge(parts[2], 1, Integer::sum);
            }
        }
        return datasets;
    }
}
