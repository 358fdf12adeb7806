package com.fulfillment.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import java.util.List;

/**
 * The module boundaries of shared/ARCHITECTURE.md, made executable: contexts talk only through each
 * other's published language, and the domain stays free of framework wiring.
 */
@AnalyzeClasses(packages = "com.fulfillment", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final List<String> CONTEXTS = List.of("order", "inventory", "payment");

    @ArchTest
    static final ArchRule publishedLanguageDependsOnNothingButTheSharedKernel =
            classes().that().resideInAPackage("com.fulfillment.(*).api..")
                     .should().onlyDependOnClassesThat()
                     .resideInAnyPackage("java..", "com.fulfillment.(*).api..", "com.fulfillment.kernel..",
                                         "org.axonframework.modelling.command..",
                                         "org.axonframework.serialization..",
                                         "com.fasterxml.jackson.annotation..")
                     .because("a context's *-api module is plain records that any other context can depend on");

    @ArchTest
    static final ArchRule publishedLanguagesAreIndependentOfEachOther = CompositeArchRule.of(
            CONTEXTS.stream()
                    .map(context -> noClasses().that().resideInAPackage("com.fulfillment." + context + ".api..")
                            .should().dependOnClassesThat().resideInAnyPackage(otherContextsThan(context)))
                    .toList());

    @ArchTest
    static final ArchRule sharedKernelDependsOnNoContext =
            noClasses().that().resideInAPackage("com.fulfillment.kernel..")
                       .should().dependOnClassesThat()
                       .resideInAnyPackage("com.fulfillment.order..", "com.fulfillment.inventory..",
                                           "com.fulfillment.payment..", "com.fulfillment.platform..",
                                           "com.fulfillment.query..");

    @ArchTest
    static final ArchRule contextsUseEachOtherOnlyThroughTheirApi = CompositeArchRule.of(
            CONTEXTS.stream()
                    .map(context -> noClasses().that().resideInAPackage("com.fulfillment." + context + "..")
                            .should().dependOnClassesThat(
                                    DescribedPredicate.describe(
                                            "another context's internals",
                                            target -> CONTEXTS.stream()
                                                              .filter(other -> !other.equals(context))
                                                              .anyMatch(other -> isInternalOf(target.getPackageName(), other))))
                            .because("contexts coordinate through published messages only"))
                    .toList());

    @ArchTest
    static final ArchRule queryProjectionsReadOnlyPublishedLanguages =
            noClasses().that().resideInAPackage("com.fulfillment.query..")
                       .should().dependOnClassesThat(DescribedPredicate.describe(
                               "a context's internals",
                               target -> CONTEXTS.stream().anyMatch(
                                       context -> isInternalOf(target.getPackageName(), context))))
                       .allowEmptyShould(true);

    @ArchTest
    static final ArchRule aggregatesAndSagasKnowNoSpring =
            noClasses().that().resideInAnyPackage("com.fulfillment.(*).command..", "com.fulfillment.(*).saga..",
                                                  "com.fulfillment.(*).policy..")
                       .should().dependOnClassesThat()
                       .resideInAnyPackage("org.springframework..", "org.axonframework.spring..")
                       .because("the domain runs the same under Spring, a plain Axon configuration and test fixtures");

    private static String[] otherContextsThan(String context) {
        return CONTEXTS.stream().filter(other -> !other.equals(context))
                       .map(other -> "com.fulfillment." + other + "..")
                       .toArray(String[]::new);
    }

    private static boolean isInternalOf(String packageName, String context) {
        String root = "com.fulfillment." + context;
        return (packageName.equals(root) || packageName.startsWith(root + "."))
               && !packageName.startsWith(root + ".api");
    }
}
