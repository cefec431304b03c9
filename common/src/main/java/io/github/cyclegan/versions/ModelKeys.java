package io.github.cyclegan.versions;

import io.github.cyclegan.messaging.Direction;
import io.github.cyclegan.messaging.Network;

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

    /** The object whose conditional creation gives a publisher that version number (see ModelVersions). */
    public static String versionClaim(String model, long version) {
        return versionFolder(model, version) + "claim.json";
    }

    /** A version's generator for one direction: G_A (A to B) or G_B (B to A), as the reference names them. */
    public static String generator(String model, long version, Direction direction) {
        return versionFolder(model, version) + generatorFile(direction);
    }

    /** The file name of a direction's generator in version and checkpoint folders. */
    public static String generatorFile(Direction direction) {
        return Network.generator(direction).fileName();
    }

    /** Prefix of all versions of one model. */
    public static String versionsPrefix(String model) {
        return ROOT + model + "/versions/";
    }
}
