package io.github.cyclegan.cli.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The command line talks to the system the way an application does: every Kafka and S3 interaction goes through the
 * Java client (docs/architecture.md), so the commands hold no Kafka or S3 code of their own. Starting the local
 * system's servers (local-stack) is not talking to them.
 */
class CliArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.github.cyclegan.cli", "io.github.cyclegan.evaluation");

    @Test
    void commandsUseTheClientForKafkaAndStorage() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..", "io.minio..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("io.github.cyclegan.storage.ObjectStore")
                .check(CLASSES);
    }

    @Test
    void evaluationIsIndependentOfTheCommands() {
        noClasses().that().resideInAPackage("io.github.cyclegan.evaluation..").should().dependOnClassesThat()
                .resideInAnyPackage("io.github.cyclegan.cli..", "io.github.cyclegan.client..").check(CLASSES);
    }
}
