package io.jenkins.plugins.immutabledeploy.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

/** The engine's package design ({@link Architecture}) holds for its classes, and would catch the imports it once had. */
class ArchitectureTest {
    private static final JavaClasses ENGINE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(Architecture.ENGINE);

    /** The fixture of wrong imports, laid out as the engine's packages are. */
    private static final String FIXTURE = "io.jenkins.plugins.immutabledeploy.archfixture.engine";

    @Test
    void vendorAdaptersDoNotUseEachOther() {
        Architecture.vendorsAreIndependent(Architecture.ENGINE).check(ENGINE);
    }

    @Test
    void foundationsUseNoVendorNoRollbackAndNoOperation() {
        Architecture.foundationsUseNoVendor(Architecture.ENGINE).check(ENGINE);
    }

    @Test
    void theRootPackageUsesNothingBelowIt() {
        Architecture.rootUsesNoSubpackage(Architecture.ENGINE).check(ENGINE);
    }

    @Test
    void onlyOperationsUseOperationsAndRollbackNeedsNoTool() {
        Architecture.layers(Architecture.ENGINE).check(ENGINE);
    }

    @Test
    void theEngineRunsWithoutJenkins() {
        Architecture.engineIsJenkinsFree().check(ENGINE);
    }

    @Test
    void theRulesFindADigitalOceanAdapterBuildingAPackerResultAndAGitHubAdapterBorrowingTheHealthChecksClient() {
        JavaClasses fixture = new ClassFileImporter().importPackages(FIXTURE);

        EvaluationResult result = Architecture.vendorsAreIndependent(FIXTURE).evaluate(fixture);

        assertThat(result.hasViolation()).isTrue();
        String report = result.getFailureReport().toString();
        assertThat(report).contains("digitalocean.SkipIfExists", "packer.BakeResult")
                .contains("github.ReleasePoller", "verify.HttpClients");
    }
}
