package io.github.cyclegan.inferenceworker.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The inference worker serves generators: it orchestrates {@code common} and the engine's serving side, and never
 * unpickles ({@code .pth} import is the CLI's) or reaches into the training loop.
 */
class InferenceWorkerArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.github.cyclegan.inferenceworker");

    @Test
    void reachesNoFurtherThanCommonAndTheServingEngine() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("io.github.cyclegan.pth..",
                "io.github.cyclegan.evaluation..", "io.github.cyclegan.training..", "io.github.cyclegan.cli..",
                "io.github.cyclegan.client..", "io.github.cyclegan.trainingworker..",
                "io.github.cyclegan.localstack..").check(CLASSES);
    }
}
