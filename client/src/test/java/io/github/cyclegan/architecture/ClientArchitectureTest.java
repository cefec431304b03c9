package io.github.cyclegan.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The client is an application's dependency: messages, storage and the Kafka client, nothing of the engine. */
class ClientArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.github.cyclegan.client");

    @Test
    void usesCommonAndKafkaClientsOnly() {
        classes().should().onlyDependOnClassesThat().resideInAnyPackage("java..", "io.github.cyclegan.client..",
                "io.github.cyclegan.messaging..", "io.github.cyclegan.storage..", "io.github.cyclegan.versions..",
                "org.apache.kafka.clients..", "org.apache.kafka.common..", "org.slf4j..", "com.fasterxml.jackson..")
                .check(CLASSES);
    }
}
