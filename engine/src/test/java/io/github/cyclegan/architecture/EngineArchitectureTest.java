package io.github.cyclegan.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The engine is the CycleGAN math on DJL (docs/architecture.md): it reads message records from {@code common} but
 * does no messaging, no storage I/O and no application wiring, and knows nothing of the modules built on it.
 */
class EngineArchitectureTest {

    private static final String[] ENGINE = {
        "io.github.cyclegan.model", "io.github.cyclegan.training", "io.github.cyclegan.serving",
        "io.github.cyclegan.image", "io.github.cyclegan.weights"
    };

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ENGINE);

    @Test
    void noKafkaNoQuarkusNoStorage() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..", "io.quarkus..",
                "io.smallrye..", "jakarta..", "io.minio..", "io.github.cyclegan.storage..").check(CLASSES);
    }

    @Test
    void knowsNothingOfTheModulesAbove() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("io.github.cyclegan.pth..",
                "io.github.cyclegan.evaluation..", "io.github.cyclegan.client..", "io.github.cyclegan.cli..",
                "io.github.cyclegan.trainingworker..", "io.github.cyclegan.inferenceworker..",
                "io.github.cyclegan.worker..", "io.github.cyclegan.localstack..").check(CLASSES);
    }

    @Test
    void weightFilesAndImagesStayBelowTheNetworks() {
        noClasses().that().resideInAnyPackage("io.github.cyclegan.weights..", "io.github.cyclegan.image..")
                .should().dependOnClassesThat().resideInAnyPackage("io.github.cyclegan.model..",
                        "io.github.cyclegan.training..", "io.github.cyclegan.serving..")
                .check(CLASSES);
    }

    @Test
    void packagesAreFreeOfCycles() {
        slices().matching("io.github.cyclegan.(*)..").should().beFreeOfCycles().check(CLASSES);
    }
}
