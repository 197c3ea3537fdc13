package dev.cairn.arch;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import dev.cairn.app.cli.fixture.CliPrinterFixture;
import dev.cairn.units.fixture.EngineReachingFixture;
import dev.cairn.units.fixture.LocalFilesFixture;
import dev.cairn.units.fixture.StdoutFixture;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Shows that the units rule and the standard-streams rule reject what they are meant to, and only that. */
class UnitAndStreamRulesCanFailTest {

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
}
