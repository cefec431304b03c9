package io.github.cyclegan.cli.evaluation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.github.cyclegan.evaluation.FashionMnistClassifier;

/** The {@code --classifier} value: the bundled Fashion-MNIST network, or a weights file of the same network. */
final class ClassifierChoice {

    static final String BUNDLED = "fashion-mnist";

    private ClassifierChoice() {
    }

    static FashionMnistClassifier open(String choice) throws IOException {
        if (BUNDLED.equals(choice)) {
            return FashionMnistClassifier.bundled();
        }
        Path file = Path.of(choice);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("--classifier " + choice + ": neither '" + BUNDLED
                    + "' nor a weights file");
        }
        return FashionMnistClassifier.fromFile(file);
    }
}
