package io.github.cyclegan.inferenceworker.models;

import io.github.cyclegan.serving.GeneratorModel;
import io.github.cyclegan.serving.GeneratorSpecs;
import io.github.cyclegan.messaging.ErrorCode;
import io.github.cyclegan.inferenceworker.pipeline.TranslationFailure;
import io.github.cyclegan.weights.NamedTensor;
import io.github.cyclegan.weights.SafetensorsReader;
import io.github.cyclegan.weights.TensorFormatException;
import io.github.cyclegan.versions.ModelVersions;
import io.github.cyclegan.messaging.Direction;
import io.github.cyclegan.messaging.ModelVersion;
import io.github.cyclegan.model.GeneratorSpec;
import io.github.cyclegan.storage.ObjectNotFoundException;
import io.github.cyclegan.storage.ObjectStore;
import io.github.cyclegan.storage.S3Uri;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;

/**
 * Downloads a version's generator weights, checks them against the SHA-256 the version records, and builds the
 * generator straight from the bytes. Only safetensors are read: a worker never unpickles.
 */
@ApplicationScoped
public class GeneratorLoader {

    @Inject
    ObjectStore store;

    public LoadedGenerator load(ModelVersion version, Direction direction) {
        String uri = version.generators().get(direction);
        if (uri == null) {
            throw new TranslationFailure(ErrorCode.DIRECTION_NOT_AVAILABLE, "model '" + version.model() + "' version "
                    + version.version() + " has no " + direction + " generator");
        }
        GeneratorSpec spec = GeneratorSpecs.of(version.architecture(), direction);
        byte[] bytes;
        try {
            bytes = store.get(store.keyOf(S3Uri.parse(uri)));
        } catch (ObjectNotFoundException e) {
            throw new TranslationFailure(ErrorCode.MODEL_VERSION_NOT_FOUND, "the " + direction + " weights of model '"
                    + version.model() + "' version " + version.version() + " are missing: " + uri, e);
        }
        version.sha256Of(direction).ifPresent(expected -> {
            String actual = ModelVersions.sha256(bytes);
            if (!actual.equals(expected)) {
                throw new TranslationFailure(ErrorCode.MODEL_INVALID, "the " + direction + " weights of model '"
                        + version.model() + "' version " + version.version() + " at " + uri + " have SHA-256 " + actual
                        + ", not the " + expected + " the version recorded: they were changed or damaged in storage");
            }
        });
        Map<String, NamedTensor> weights;
        try {
            weights = SafetensorsReader.read(bytes).tensors();
        } catch (TensorFormatException e) {
            throw new TranslationFailure(ErrorCode.MODEL_INVALID, "the weights " + uri + " are not a readable "
                    + "safetensors file (workers load no other format): " + e.getMessage(), e);
        }
        long parameters = weights.values().stream().mapToLong(NamedTensor::size).sum();
        try {
            return new LoadedGenerator(GeneratorModel.fromStateDict(spec, weights), parameters * Float.BYTES);
        } catch (IllegalArgumentException e) {
            throw new TranslationFailure(ErrorCode.MODEL_INVALID, "the weights " + uri + " do not fit the "
                    + spec.architecture().optionName() + " generator (ngf " + spec.ngf() + ") that model '"
                    + version.model() + "' version " + version.version() + " declares: " + e.getMessage(), e);
        }
    }
}
