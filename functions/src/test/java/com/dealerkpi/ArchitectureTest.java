package com.dealerkpi;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

import java.util.List;

import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleName;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The layering the README's "Layout" describes, held by a test: the domain knows no AWS, HTTP or JSON; use cases know
 * no storage or API; storage and API do not know each other; views call no use case; only the entry points know
 * everything; and no package depends on another that depends back on it.
 */
class ArchitectureTest {
    /** The classes that ship: this module's compiled main classes (neither the tests nor the dependencies' jars). */
    private static final JavaClasses SHIPPED = new ClassFileImporter()
            .withImportOptions(List.of(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS, ImportOption.Predefined.DO_NOT_INCLUDE_JARS))
            .importPackages("com.dealerkpi");

    @Test
    void theDomainIsPureRules() {
        check(classes().that().resideInAPackage("com.dealerkpi.domain..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("com.dealerkpi.domain..", "java.lang..", "java.util..",
                        "java.time..", "java.math..", "java.security..", "java.nio.charset..")
                .as("domain classes depend only on the domain and the JDK's values, collections and time (no AWS, HTTP,"
                        + " I/O or JSON types)"));
    }

    @Test
    void useCasesKnowNoStorageApiOrAws() {
        check(classes().that().resideInAPackage("com.dealerkpi.app..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("com.dealerkpi.app..", "com.dealerkpi.domain..", "java..")
                .as("use cases depend only on use cases, the domain and the JDK"));
    }

    @Test
    void storageAndApiDoNotKnowEachOther() {
        check(noClasses().that().resideInAPackage("com.dealerkpi.store..")
                .should().dependOnClassesThat().resideInAnyPackage("com.dealerkpi.api..", "com.dealerkpi.json..", "com.dealerkpi.telemetry.."));
        check(noClasses().that().resideInAPackage("com.dealerkpi.api..")
                .should().dependOnClassesThat().resideInAnyPackage("com.dealerkpi.store..", "software.amazon.awssdk.."));
    }

    @Test
    void onlyTheEntryPointsKnowHowThingsAreWired() {
        check(noClasses().that().resideOutsideOfPackage("com.dealerkpi.lambda..")
                .should().dependOnClassesThat().resideInAPackage("com.dealerkpi.lambda.."));
    }

    @Test
    void jsonAndTelemetryStandAlone() {
        // a body that is not JSON is bad input like any other: the domain's error model, a 400 with its position
        check(classes().that().resideInAPackage("com.dealerkpi.json..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("com.dealerkpi.json..", "com.dealerkpi.domain", "java.."));
        check(classes().that().resideInAPackage("com.dealerkpi.telemetry..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("com.dealerkpi.telemetry..", "com.dealerkpi.json..",
                        "com.dealerkpi.domain", "java..", "org.slf4j.."));
    }

    @Test
    void viewsFormatWhatTheyAreGivenAndCallNoUseCase() {
        // the value types the use cases return (nested records, ProfileFields' names) are what views may know of app
        check(noClasses().that().resideInAPackage("com.dealerkpi.api.views..")
                .should().dependOnClassesThat(resideInAPackage("com.dealerkpi.app..")
                        .and(not(JavaClass.Predicates.NESTED_CLASSES)).and(not(simpleName("ProfileFields"))))
                .as("views use no use case or store port, only the values they return"));
    }

    @Test
    void noPackageDependsOnOneThatDependsBackOnIt() {
        check(slices().matching("com.dealerkpi.(**)").should().beFreeOfCycles());
    }

    private static void check(ArchRule rule) {
        rule.check(SHIPPED);
    }
}
