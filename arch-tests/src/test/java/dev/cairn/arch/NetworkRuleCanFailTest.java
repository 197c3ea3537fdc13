package dev.cairn.arch;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import dev.cairn.exporters.fixture.SocketExporterFixture;
import dev.cairn.units.fixture.HttpClientFixture;
import dev.cairn.units.fixture.LocalFilesFixture;
import dev.cairn.units.fixture.SocketOpeningFixture;
import dev.cairn.units.fixture.UrlFetchingFixture;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Shows that the network rule is not vacuous: evaluated against fixture classes (in
 * {@code src/test/java}, never run) it reports a unit that opens a socket, fetches a URL or builds an
 * HTTP client, names the offending class, and lets the same code pass in an exporter package.
 */
class NetworkRuleCanFailTest {

    @ParameterizedTest
    @ValueSource(classes = {SocketOpeningFixture.class, UrlFetchingFixture.class, HttpClientFixture.class})
    void networkUseInAUnitIsReportedNamingTheClass(Class<?> fixture) {
        JavaClasses classes = new ClassFileImporter().importClasses(fixture);

        EvaluationResult result = CairnArchitectureRules.noNetworkOutsideExportersAndWeb().evaluate(classes);

        assertTrue(result.hasViolation(), "the network rule must reject " + fixture.getName());
        String report = result.getFailureReport().toString();
        assertTrue(report.contains(fixture.getName()), "the report must name the class:\n" + report);
        assertTrue(report.contains("No code outside dev.cairn.exporters and dev.cairn.app.web uses network APIs"),
                "the report must carry the rule's description:\n" + report);
    }

    @Test
    void aSocketInAUnitIsReportedAsAConstructorCall() {
        JavaClasses classes = new ClassFileImporter().importClasses(SocketOpeningFixture.class);

        List<String> details = CairnArchitectureRules.noNetworkOutsideExportersAndWeb().evaluate(classes)
                .getFailureReport().getDetails();

        assertTrue(details.stream().anyMatch(d -> d.contains(SocketOpeningFixture.class.getName() + ".send(")
                        && d.contains("calls constructor <java.net.Socket.<init>(java.lang.String, int)>")),
                "expected the Socket constructor call among:\n" + String.join("\n", details));
    }

    @Test
    void theSameSocketInAnExporterAndLocalFileAccessInAUnitPass() {
        JavaClasses classes = new ClassFileImporter().importClasses(SocketExporterFixture.class, LocalFilesFixture.class);

        EvaluationResult result = CairnArchitectureRules.noNetworkOutsideExportersAndWeb().evaluate(classes);

        assertFalse(result.hasViolation(), result.getFailureReport().toString());
        assertEquals(2, classes.size());
    }
}
