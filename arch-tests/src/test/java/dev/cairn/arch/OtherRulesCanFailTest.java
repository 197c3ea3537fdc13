package dev.cairn.arch;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import dev.cairn.app.cli.fixture.CliPrinterFixture;
import dev.cairn.framework.fixture.EngineUsingApiFixture;
import dev.cairn.framework.fixture.JdkOnlyApiFixture;
import dev.cairn.units.fixture.EngineReachingFixture;
import dev.cairn.units.fixture.ExposedUnitFixture;
import dev.cairn.units.fixture.internal.InternalUnitFixture;
import dev.cairn.units.fixture.LocalFilesFixture;
import dev.cairn.units.fixture.StdoutFixture;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Shows that the units, standard-streams, framework and provider-package rules reject what they are meant
 * to, and only that, by evaluating them against fixture classes (in {@code src/test/java}, never run).
 */
class OtherRulesCanFailTest {

    private static final ModuleRoots FIXTURE_ROOTS =
            ModuleRoots.of(List.of("dev.cairn.units.fixture", "dev.cairn.framework", "dev.cairn.engine"));

    @Test
    void aUnitThatReachesIntoTheEngineIsReported() {
        JavaClasses classes = new ClassFileImporter().importClasses(EngineReachingFixture.class);

        List<String> details = CairnArchitectureRules.unitsDependOnTheFrameworkOnly(FIXTURE_ROOTS).evaluate(classes)
                .getFailureReport().getDetails();

        assertFalse(details.isEmpty(), "the units rule must reject a unit that uses the engine");
        assertTrue(details.stream().allMatch(d -> d.contains("dev.cairn.engine.repository.Repository")
                        && d.contains("(module dev.cairn.engine)")),
                "only the engine dependency is a violation, the framework one is not:\n" + String.join("\n", details));
    }

    @Test
    void aUnitThatUsesOnlyTheJdkPasses() {
        JavaClasses classes = new ClassFileImporter().importClasses(LocalFilesFixture.class);

        EvaluationResult result = CairnArchitectureRules.unitsDependOnTheFrameworkOnly(FIXTURE_ROOTS).evaluate(classes);

        assertFalse(result.hasViolation(), result.getFailureReport().toString());
    }

    @Test
    void printingOutsideTheCliIsReportedBothForSystemOutAndPrintStackTrace() {
        JavaClasses classes = new ClassFileImporter().importClasses(StdoutFixture.class, CliPrinterFixture.class);

        List<String> details = CairnArchitectureRules.standardStreamsOnlyInTheCli().evaluate(classes)
                .getFailureReport().getDetails();

        assertEquals(2, details.size(), String.join("\n", details));
        assertTrue(details.stream().allMatch(d -> d.contains(StdoutFixture.class.getName())), String.join("\n", details));
        assertTrue(details.stream().anyMatch(d -> d.contains("<java.lang.System.out>")), String.join("\n", details));
        assertTrue(details.stream().anyMatch(d -> d.contains("printStackTrace()")), String.join("\n", details));
    }

    @Test
    void frameworkCodeThatUsesTheEngineIsReportedAndJdkOnlyCodePasses() {
        JavaClasses classes = new ClassFileImporter().importClasses(EngineUsingApiFixture.class, JdkOnlyApiFixture.class);

        List<String> details = CairnArchitectureRules.frameworkDependsOnTheJdkOnly().evaluate(classes)
                .getFailureReport().getDetails();

        assertFalse(details.isEmpty(), "the framework rule must reject a dependency on the engine");
        assertTrue(details.stream().allMatch(d -> d.contains(EngineUsingApiFixture.class.getName())
                        && d.contains("dev.cairn.engine.repository.Repository")),
                "only the engine-using fixture violates the rule:\n" + String.join("\n", details));
    }

    @Test
    void aProviderOutsideAnInternalPackageIsReported() {
        JavaClasses classes = new ClassFileImporter().importClasses(ExposedUnitFixture.class, InternalUnitFixture.class);

        List<String> details = CairnArchitectureRules.providersLiveInInternalPackages().evaluate(classes)
                .getFailureReport().getDetails();

        assertEquals(1, details.size(), String.join("\n", details));
        assertTrue(details.get(0).contains(ExposedUnitFixture.class.getName()), details.get(0));
    }
}
