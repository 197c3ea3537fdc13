package dev.cairn.arch;

import dev.cairn.engine.snapshot.ChunkRef;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import com.tngtech.archunit.library.dependencies.SliceRule;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import dev.cairn.framework.export.Exporter;
import dev.cairn.framework.strategy.Strategy;
import dev.cairn.framework.unit.BackupUnit;

import java.net.DatagramSocket;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URL;
import java.net.URLConnection;
import java.nio.channels.NetworkChannel;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * Cairn's architecture rules, each with the reason it exists. {@link CairnArchitectureTest} runs them
 * over every built Cairn jar; the rules are kept here, apart from the test, so that fixture tests can
 * show a rule fails when it should ({@link NetworkRuleCanFailTest}).
 *
 * <p>The benchmark harness ({@code bench}) is not checked: it ships in no distribution, its job is to
 * print result tables to standard output, and its JMH-generated code is not ours to shape.
 */
final class CairnArchitectureRules {

    /** The packages that may use network APIs: exporters (outbound, behind the policy gate) and the app's loopback web UI. */
    static final String[] NETWORK_PACKAGES = {"dev.cairn.exporters..", "dev.cairn.app.web.."};

    /** The only package that may write to standard output and standard error. */
    static final String CLI_PACKAGE = "dev.cairn.app.cli..";

    /** The service interfaces whose implementations are plugins. */
    static final List<Class<?>> SERVICE_INTERFACES = List.of(BackupUnit.class, Strategy.class, Exporter.class);

    private static final Set<String> URL_CONNECTING_METHODS = Set.of("openConnection", "openStream", "getContent");

    private CairnArchitectureRules() {
    }

    /** {@return the rule that keeps network APIs inside exporters and the app's web package} */
    static ArchRule noNetworkOutsideExportersAndWeb() {
        DescribedPredicate<JavaClass> networkTypes = resideInAnyPackage("java.net.http..", "javax.net..", "com.sun.net.httpserver..")
                .or(assignableTo(Socket.class))
                .or(assignableTo(ServerSocket.class))
                .or(assignableTo(DatagramSocket.class))
                .or(assignableTo(URLConnection.class))
                .or(assignableTo(NetworkChannel.class))
                .as("network types (sockets, URL connections, socket channels, java.net.http, javax.net, com.sun.net.httpserver)");
        DescribedPredicate<JavaMethodCall> urlConnecting = DescribedPredicate.describe(
                "URL.openConnection/openStream/getContent",
                call -> call.getTargetOwner().isEquivalentTo(URL.class) && URL_CONNECTING_METHODS.contains(call.getName()));
        return noClasses().that().resideOutsideOfPackages(NETWORK_PACKAGES)
                .should().dependOnClassesThat(networkTypes)
                .orShould().callMethodWhere(urlConnecting)
                .as("No code outside dev.cairn.exporters and dev.cairn.app.web uses network APIs")
                .because("Cairn is local-first: data leaves the machine only through exporters, which the policy "
                        + "gate and an explicit consent allow, and the web UI listens on loopback only");
    }

    /** {@return the rule that keeps the framework API free of dependencies beyond the JDK} */
    static ArchRule frameworkDependsOnTheJdkOnly() {
        return classes().that().resideInAPackage(ModuleRoots.FRAMEWORK + "..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", ModuleRoots.FRAMEWORK + "..")
                .as("The framework API depends on the JDK and on itself only")
                .because("third parties compile against it: every dependency it had would be forced on every "
                        + "plugin and could clash with theirs");
    }

    /** {@return the rule that units and third-party plugins reach no Cairn module but the framework API} */
    static ArchRule unitsDependOnTheFrameworkOnly(ModuleRoots roots) {
        DescribedPredicate<JavaClass> inUnitOrPlugin = DescribedPredicate.describe("are in a backup unit or plugin module",
                c -> roots.moduleOf(c.getPackageName()).filter(ModuleRoots::isUnitOrPlugin).isPresent());
        ArchCondition<JavaClass> noForeignCairnModule = new ArchCondition<>(
                "depend on no Cairn module other than their own and the framework API") {
            @Override
            public void check(JavaClass item, ConditionEvents events) {
                Optional<String> own = roots.moduleOf(item.getPackageName());
                for (Dependency dependency : item.getDirectDependenciesFromSelf()) {
                    String targetPackage = dependency.getTargetClass().getBaseComponentType().getPackageName();
                    Optional<String> target = roots.cairnModuleOf(targetPackage);
                    if (target.isPresent() && !target.equals(own) && !target.get().equals(ModuleRoots.FRAMEWORK)) {
                        events.add(SimpleConditionEvent.violated(dependency,
                                dependency.getDescription() + " (module " + target.get() + ")"));
                    }
                }
            }
        };
        return classes().that(inUnitOrPlugin).should(noForeignCairnModule)
                .as("Backup units and third-party plugins depend on no other unit, on no engine or app code: "
                        + "on the framework API only")
                .because("a unit must load alone from plugins/ into its own module layer and keep working when "
                        + "the engine changes; what it needs from Cairn belongs in the SPI");
    }

    /** {@return the rule that keeps standard output and standard error to the CLI} */
    static ArchRule standardStreamsOnlyInTheCli() {
        return noClasses().that().resideOutsideOfPackage(CLI_PACKAGE)
                .should().accessField(System.class, "out")
                .orShould().accessField(System.class, "err")
                .orShould().callMethod(Throwable.class, "printStackTrace")
                .as("Only dev.cairn.app.cli writes to System.out or System.err (Throwable.printStackTrace() included)")
                .because("the CLI owns the terminal and its output is parsed by scripts; everything else logs "
                        + "through System.Logger, which the operator configures");
    }

    /**
     * {@return the rule against package cycles: a slice is a module's root package or one of its
     * top-level sub-packages (with everything below it), so cycles are found both between modules and
     * inside a module, e.g. between {@code dev.cairn.engine.repository} and {@code dev.cairn.engine.snapshot}}
     */
    static SliceRule noPackageCycles(ModuleRoots roots) {
        SliceAssignment topLevelPackages = new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
                String pkg = javaClass.getPackageName();
                Optional<String> root = roots.moduleOf(pkg);
                if (root.isEmpty()) {
                    return SliceIdentifier.ignore();
                }
                if (pkg.equals(root.get())) {
                    return SliceIdentifier.of(pkg);
                }
                String below = pkg.substring(root.get().length() + 1);
                int dot = below.indexOf('.');
                return SliceIdentifier.of(root.get() + "." + (dot < 0 ? below : below.substring(0, dot)));
            }

            @Override
            public String getDescription() {
                return "the top-level packages of each Cairn module";
            }
        };
        SliceRule rule = SlicesRuleDefinition.slices().assignedFrom(topLevelPackages).should().beFreeOfCycles();
        return rule.as("No cycles between the top-level packages of Cairn's modules")
                .because("a cycle makes two packages one unit that can be neither understood, tested nor split "
                        + "apart alone; dependencies point from the CLI to the engine to the SPI, never back");
    }

    /** {@return the rule that keeps provider implementations in {@code .internal} packages} */
    static ArchRule providersLiveInInternalPackages() {
        DescribedPredicate<JavaClass> implementsService = DescribedPredicate.describe(
                "implement BackupUnit, Strategy or Exporter",
                c -> !c.isInterface() && SERVICE_INTERFACES.stream().anyMatch(c::isAssignableTo));
        return classes().that(implementsService)
                .and().resideOutsideOfPackages(ModuleRoots.FRAMEWORK + "..", "dev.cairn.testkit..")
                .should().resideInAPackage("..internal..")
                .as("Implementations of BackupUnit, Strategy and Exporter live in .internal packages")
                .because("providers are reached through ServiceLoader only; a provider module exports nothing, so "
                        + "no one can come to depend on an implementation (the testkit's fakes are not providers)");
    }
}
