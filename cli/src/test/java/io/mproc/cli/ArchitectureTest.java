package io.mproc.cli;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The layers of ARCHITECTURE.md's module map, held by the compiled classes: a dependency that runs up the layers,
 * or a cycle between packages, fails here. Runs in the cli module, the one that sees every other module but bench.
 */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.mproc");

    @Test
    void dependenciesRunDownTheLayersOnly() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("api").definedBy("io.mproc", "io.mproc.internal.text..")
                .layer("config").definedBy("io.mproc.config..")
                .layer("worker").definedBy("io.mproc.worker..", "io.mproc.internal.launch..",
                        "io.mproc.internal.os..", "io.mproc.internal.shm..", "io.mproc.internal.wire..")
                .layer("runtime").definedBy("io.mproc.runtime..")
                .layer("process").definedBy("io.mproc.process..")
                .layer("jobs").definedBy("io.mproc.jobs..")
                .layer("cluster").definedBy("io.mproc.cluster..")
                .layer("examples").definedBy("io.mproc.examples..")
                .layer("cli").definedBy("io.mproc.cli..")
                .whereLayer("cli").mayNotBeAccessedByAnyLayer()
                .whereLayer("examples").mayOnlyBeAccessedByLayers("cli")
                .whereLayer("jobs").mayOnlyBeAccessedByLayers("cli")
                .whereLayer("cluster").mayOnlyBeAccessedByLayers("cli")
                .whereLayer("config").mayOnlyBeAccessedByLayers("cli")
                .whereLayer("runtime").mayOnlyBeAccessedByLayers("jobs", "cluster", "cli")
                .whereLayer("process").mayOnlyBeAccessedByLayers("examples")
                .whereLayer("worker").mayOnlyBeAccessedByLayers("runtime", "process", "jobs", "cluster", "cli")
                .check(CLASSES);
    }

    @Test
    void noPackageCycles() {
        slices().matching("io.mproc.(**)").should().beFreeOfCycles().check(CLASSES);
    }
}
