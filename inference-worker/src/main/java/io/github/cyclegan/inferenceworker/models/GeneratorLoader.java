package io.github.cyclegan.inferenceworker.models;

import io.github.cyclegan.serving.GeneratorModel;
import io.github.cyclegan.serving.GeneratorSpecs;
import io.github.cyclegan.inferenceworker.pipeline.ErrorCode;
import io.github.cyclegan.inferenceworker.pipeline.TranslationFailure;
import io.github.cyclegan.weights.NamedTensor;
import io.github.cyclegan.messaging.Direction;
import io.github.cyclegan.messaging.ModelVersion;
import io.github.cyclegan.model.GeneratorSpec;
import io.github.cyclegan.model.WeightFiles;
import io.github.cyclegan.storage.ObjectNotFoundException;
import io.github.cyclegan.storage.ObjectStore;
import io.github.cyclegan.storage.S3Uri;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Downloads a version's generator weights and builds the generator; the weights file is read through a temp file. */
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
        Path file = null;
        try {
            file = Files.createTempFile("generator-", ".weights");
            Files.write(file, bytes);
            Map<String, NamedTensor> weights = WeightFiles.read(file);
            long parameters = weights.values().stream().mapToLong(NamedTensor::size).sum();
            return new LoadedGenerator(GeneratorModel.fromStateDict(spec, weights), parameters * Float.BYTES);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the weights " + uri, e);
        } finally {
            deleteQuietly(file);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // A leftover temp file is harmless; the load result matters more.
            }
        }
    }
}
