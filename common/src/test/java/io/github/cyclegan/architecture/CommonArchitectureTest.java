package io.github.cyclegan.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * {@code common} is what every module shares, the lean client above all (docs/architecture.md): message contracts
 * and object storage over Jackson and the MinIO client, and nothing heavier.
 */
class CommonArchitectureTest {

    private static final JavaClasses COMMON = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.github.cyclegan.messaging", "io.github.cyclegan.storage");

    @Test
    void dependsOnJacksonAndMinioOnly() {
        classes().should().onlyDependOnClassesThat().resideInAnyPackage("java..", "com.fasterxml.jackson..",
                "io.minio..", "org.slf4j..", "io.github.cyclegan.messaging..", "io.github.cyclegan.storage..")
                .check(COMMON);
    }

    @Test
    void packagesAreFreeOfCycles() {
        slices().matching("io.github.cyclegan.(*)..").should().beFreeOfCycles().check(COMMON);
    }
}
