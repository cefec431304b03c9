package io.github.cyclegan.trainingworker.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The training worker orchestrates {@code common} and the engine; the import and evaluation code stays in the CLI. */
class TrainingWorkerArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.github.cyclegan.trainingworker");

    @Test
    void reachesNoFurtherThanCommonAndTheEngine() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("io.github.cyclegan.pth..",
                "io.github.cyclegan.evaluation..", "io.github.cyclegan.cli..", "io.github.cyclegan.client..",
                "io.github.cyclegan.inferenceworker..", "io.github.cyclegan.localstack..").check(CLASSES);
    }
}
