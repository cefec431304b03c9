package io.github.cyclegan.storage;

/**
 * Where a model's versions live in the bucket (docs/training-worker.md, storage layout): whoever publishes a version
 * (the training worker, {@code cyclegan models import}) and whoever resolves one (the inference worker, the CLI) use
 * these keys, so that they cannot drift apart.
 */
public final class ModelKeys {

    /** Prefix of every model's objects. */
    public static final String ROOT = "models/";

    private ModelKeys() {
    }

    /** The latest ModelVersion's JSON; the next version is its version + 1. */
    public static String latest(String model) {
        return ROOT + model + "/latest.json";
    }

    /** The folder of one version: generator weights and {@code version.json}. */
    public static String versionFolder(String model, long version) {
        return versionsPrefix(model) + version + "/";
    }

    /** The ModelVersion of one version as JSON. */
    public static String versionJson(String model, long version) {
        return versionFolder(model, version) + "version.json";
    }

    /** Prefix of all versions of one model. */
    public static String versionsPrefix(String model) {
        return ROOT + model + "/versions/";
    }
}
