package com.fulfillment.query;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The read side's own boundaries; the application-wide rules live in the standalone module. */
@AnalyzeClasses(packages = "com.fulfillment.query", importOptions = ImportOption.DoNotIncludeTests.class)
class ReadSideArchitectureTest {

    @ArchTest
    static final ArchRule readsTheContextsOnlyThroughTheirPublishedLanguage =
            classes().should().onlyDependOnClassesThat().resideInAnyPackage(
                             "java..", "com.fulfillment.query..", "com.fulfillment.kernel..",
                             "com.fulfillment.platform..", "com.fulfillment.access..",
                             "com.fulfillment.order.api..", "com.fulfillment.inventory.api..",
                             "com.fulfillment.payment.api..", "org.axonframework..", "org.springframework..",
                             "org.bson..", "com.mongodb..", "reactor..",
                             // the projections' cache of the documents they wrote
                             "com.github.benmanes.caffeine..",
                             // the web layer asks the request who is calling (platform's Caller)
                             "jakarta.servlet..",
                             // logging
                             "org.slf4j..", "io.micrometer..")
                     .because("the read side may change with a context's published events (and the platform every "
                              + "service shares, and who may call what), never with a context's internals");

    @ArchTest
    static final ArchRule queriesAndViewsArePlainRecords =
            classes().that().resideInAPackage("com.fulfillment.query.api..")
                     .should().onlyDependOnClassesThat().resideInAnyPackage(
                             "java..", "com.fulfillment.query.api..", "com.fulfillment.kernel..",
                             "com.fulfillment.order.api..", "com.fulfillment.inventory.api..",
                             "com.fulfillment.payment.api..")
                     .because("a client of the query bus needs the queries and views, not Spring or MongoDB");

    @ArchTest
    static final ArchRule storedDocumentsStayInsideTheirProjection =
            classes().that().areAnnotatedWith("org.springframework.data.mongodb.core.mapping.Document")
                     .should().notBePublic()
                     .because("clients get views; how a view is stored may change with every release");
}
