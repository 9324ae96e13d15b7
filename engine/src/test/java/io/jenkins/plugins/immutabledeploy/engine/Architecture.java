package io.jenkins.plugins.immutabledeploy.engine;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import com.tngtech.archunit.library.dependencies.SliceRule;
import java.util.List;
import java.util.Set;

/**
 * The engine's package design, as rules a test checks (shared with the plugin's and the CLI's tests through the
 * engine's test jar). Each rule takes the root package, so a fixture of wrong imports can show it fails.
 *
 * <pre>
 *   front ends (plugin, cli)  ──▶  ops (operations, run context)  +  requests, results, ports
 *   ops  ──▶  rollback  ──▶  verify, record
 *   ops  ──▶  packer | terraform | verify | digitalocean | github   (vendor adapters, independent)
 *   everything  ──▶  process, log, files, record, http, the root package (foundations, no vendor, no ops)
 * </pre>
 */
public final class Architecture {
    /** The engine's root package. */
    public static final String ENGINE = "io.jenkins.plugins.immutabledeploy.engine";

    /** The vendor adapters: each talks to one tool or service and knows nothing of the others. */
    public static final List<String> VENDORS = List.of("packer", "terraform", "verify", "digitalocean", "github");

    /** The foundations every other package may use; they use no vendor, no rollback, no operation. */
    public static final List<String> FOUNDATIONS = List.of("process", "log", "files", "record", "http");

    /**
     * What a front end may use of the engine besides the operations package: the requests it fills, the results it
     * renders (and the values they hold), the exceptions that carry results, the ports it implements or hands over,
     * and the few foundations that name fields, read durations and write JSON. Simple names below the engine root;
     * nested classes of these are allowed too.
     */
    public static final Set<String> FRONT_END_API = Set.of(
            // requests
            "ToolRequestBuilder", "packer.BakeRequest", "terraform.DeployRequest", "verify.VerifyRequest",
            "verify.HealthCheck", "digitalocean.PruneRequest",
            // results and the values they hold
            "packer.BakeResult", "packer.PackerArtifact", "terraform.DeployResult", "terraform.PlanSummary",
            "terraform.ResourceChange", "verify.VerifyResult", "verify.EndpointResult", "rollback.RollbackOutcome",
            "digitalocean.PruneResult", "digitalocean.Snapshot", "github.Release", "github.WebhookOutcome",
            "record.DeploymentRecord",
            // exceptions that carry a result
            "EngineException", "terraform.DeployException",
            // ports and what the engine offers for them
            "process.ProcessLauncher", "process.ProcessRequest", "process.ProcessRunner", "process.Cancellation",
            "files.HostFiles", "log.LogSink", "log.BuildLog", "log.SecretMasker", "record.RecordStore",
            "record.FileRecordStore", "http.HttpClients", "log.BufferedLogSink",
            // foundations
            "Vocabulary", "Durations", "Json");

    private Architecture() {}

    private static String pkg(String root, String name) {
        return root + "." + name + "..";
    }

    private static String[] packages(String root, List<String> names) {
        return names.stream().map(n -> pkg(root, n)).toArray(String[]::new);
    }

    /**
     * @param root the engine's root package
     * @return the vendor adapters do not use each other
     */
    public static SliceRule vendorsAreIndependent(String root) {
        return slices().matching(root + ".(*)..").that(describe("vendor adapters " + VENDORS,
                        s -> VENDORS.contains(s.getNamePart(1))))
                .should().notDependOnEachOther();
    }

    /**
     * @param root the engine's root package
     * @return the foundations use no vendor adapter, no rollback and no operation
     */
    public static ArchRule foundationsUseNoVendor(String root) {
        List<String> above = new java.util.ArrayList<>(VENDORS);
        above.add("rollback");
        above.add("ops");
        return noClasses().that().resideInAnyPackage(packages(root, FOUNDATIONS))
                .should().dependOnClassesThat().resideInAnyPackage(packages(root, above))
                .allowEmptyShould(true);
    }

    /**
     * @param root the engine's root package
     * @return the root package's values use no package below it
     */
    public static ArchRule rootUsesNoSubpackage(String root) {
        return noClasses().that().resideInAPackage(root)
                .should().dependOnClassesThat().resideInAPackage(root + ".*..");
    }

    /**
     * @param root the engine's root package
     * @return only the operations use the operations, and choosing a rollback target needs no tool
     */
    public static ArchRule layers(String root) {
        return CompositeArchRule
                .of(noClasses().that().resideOutsideOfPackage(pkg(root, "ops"))
                        .and().resideInAPackage(root + "..")
                        .should().dependOnClassesThat().resideInAPackage(pkg(root, "ops")))
                .and(noClasses().that().resideInAPackage(pkg(root, "rollback"))
                        .should().dependOnClassesThat().resideInAnyPackage(packages(root,
                                List.of("packer", "terraform", "digitalocean", "github", "ops"))));
    }

    /** @return the engine runs without Jenkins */
    public static ArchRule engineIsJenkinsFree() {
        return noClasses().that().resideInAPackage(ENGINE + "..")
                .should().dependOnClassesThat().resideInAnyPackage("hudson..", "jenkins..", "org.jenkinsci..",
                        "org.kohsuke..");
    }

    /**
     * @param frontEnd the front end's packages, e.g. {@code io.jenkins.plugins.immutabledeploy.cli..}
     * @return the front end reaches the engine only through the operations and {@link #FRONT_END_API}
     */
    public static ArchRule frontEndUsesTheEntrance(String... frontEnd) {
        DescribedPredicate<JavaClass> entrance = describe(
                "are outside the engine or its entrance: operations, requests, results, ports",
                c -> !c.getPackageName().startsWith(ENGINE) || c.getPackageName().startsWith(ENGINE + ".ops")
                        || FRONT_END_API.contains(topLevel(c).getName().substring(ENGINE.length() + 1)));
        return classes().that().resideInAnyPackage(frontEnd).should().onlyDependOnClassesThat(entrance);
    }

    private static JavaClass topLevel(JavaClass c) {
        JavaClass t = c;
        while (t.getEnclosingClass().isPresent()) {
            t = t.getEnclosingClass().get();
        }
        return t;
    }
}
