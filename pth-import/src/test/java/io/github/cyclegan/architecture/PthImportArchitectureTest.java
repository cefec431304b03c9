package io.github.cyclegan.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The {@code .pth} reader parses untrusted bytes: it stays a plain parser over the engine's tensor types, with no
 * engine, network or I/O beyond the file it is given.
 */
class PthImportArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.github.cyclegan.pth");

    @Test
    void dependsOnTheJdkAndTensorTypesOnly() {
        classes().should().onlyDependOnClassesThat().resideInAnyPackage("java..", "io.github.cyclegan.pth..",
                "io.github.cyclegan.weights..").check(CLASSES);
    }
}
