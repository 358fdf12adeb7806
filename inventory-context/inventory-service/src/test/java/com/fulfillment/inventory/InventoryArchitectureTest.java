package com.fulfillment.inventory;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The inventory context's boundaries, made executable. */
class InventoryArchitectureTest {

    private static final JavaClasses INVENTORY = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.fulfillment.inventory");

    @Test
    void theInventoryContextIsPlainAxonWithoutSpring() {
        noClasses().should().dependOnClassesThat()
                   .resideInAnyPackage("org.springframework..", "org.axonframework.spring..")
                   .because("the same classes are wired by Spring Boot and by a plain Axon configuration")
                   .check(INVENTORY);
    }

    @Test
    void otherContextsAreReachedOnlyThroughTheirPublishedMessages() {
        noClasses().should().dependOnClassesThat(
                           resideInAnyPackage("com.fulfillment.order..", "com.fulfillment.payment..")
                                   .and(not(resideInAnyPackage("com.fulfillment.order.api..",
                                                               "com.fulfillment.payment.api.."))))
                   .check(INVENTORY);
    }

    @Test
    void thePublishedMessagesDoNotDependOnTheService() {
        noClasses().that(resideInAPackage("com.fulfillment.inventory.api.."))
                   .should().dependOnClassesThat().resideInAnyPackage("com.fulfillment.inventory.command..",
                                                                      "com.fulfillment.inventory.saga..",
                                                                      "com.fulfillment.inventory.policy..")
                   .check(INVENTORY);
    }
}
