package io.jenkins.plugins.immutabledeploy.jenkins;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.jenkins.plugins.immutabledeploy.engine.Architecture;
import org.junit.jupiter.api.Test;

/** The plugin reaches the engine only through its entrance: operations, requests, results and ports. */
class ArchitectureTest {
    @Test
    void theGlueAndTheTriggerUseOnlyTheEnginesEntrance() {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.jenkins.plugins.immutabledeploy");

        Architecture.frontEndUsesTheEntrance("io.jenkins.plugins.immutabledeploy.jenkins..",
                "io.jenkins.plugins.immutabledeploy.trigger..").check(classes);
    }
}
