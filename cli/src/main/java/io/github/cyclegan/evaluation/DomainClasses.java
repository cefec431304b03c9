package io.github.cyclegan.evaluation;

import java.util.Objects;

/**
 * A classifier and the class that stands for each domain, e.g. {@link FashionMnistClassifier} with
 * {@link FashionMnistClassifier#SNEAKER} for A and {@link FashionMnistClassifier#ANKLE_BOOT} for B.
 */
public record DomainClasses(DomainClassifier classifier, int classA, int classB) {

    public DomainClasses {
        Objects.requireNonNull(classifier, "classifier");
        for (int target : new int[] {classA, classB}) {
            if (target < 0 || target >= classifier.classCount()) {
                throw new IllegalArgumentException("class " + target + " is not one of the classifier's "
                        + classifier.classCount() + " classes");
            }
        }
    }
}
