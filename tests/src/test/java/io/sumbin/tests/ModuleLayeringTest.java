package io.sumbin.tests;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module layering of DESIGN §1 and docs/ARCHITECTURE.md, checked on the main classes of every
 * module: no package cycle anywhere in sumbin, and every dependency between modules points down
 *
 * <pre>
 *   hist-model ← pyhf-export, binning ← summaries ← eft ← examples/models, examples/spark ← examples/cli
 * </pre>
 *
 * (hist-model's own package order is checked by its {@code LayeringTest}).
 */
class ModuleLayeringTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importMainClasses() {
    classes = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .withImportOption(location -> !location.contains("/io/sumbin/testsupport/") && !location.contains("/io/sumbin/tests/"))
        .importPackages("io.sumbin");
    // the rules below are vacuous if a module's classes were not found: every module must be there
    for (String module : new String[] {"histmodel", "pyhf", "binning", "summaries", "eft", "examples", "spark", "cli"}) {
      assertThat(classes.stream().filter(c -> c.getPackageName().startsWith("io.sumbin." + module)).count())
          .as("main classes of io.sumbin.%s on the test classpath", module).isGreaterThan(1);
    }
  }

  @Test
  void noPackageCycleAnywhere() {
    slices().matching("io.sumbin.(**)").should().beFreeOfCycles().check(classes);
  }

  @Test
  void modulesDependDownwardsOnly() {
    layeredArchitecture().consideringOnlyDependenciesInLayers()
        .layer("hist-model").definedBy("io.sumbin.histmodel..")
        .layer("pyhf-export").definedBy("io.sumbin.pyhf..")
        .layer("binning").definedBy("io.sumbin.binning..")
        .layer("summaries").definedBy("io.sumbin.summaries..")
        .layer("eft").definedBy("io.sumbin.eft..")
        .layer("examples").definedBy("io.sumbin.examples..")
        .layer("spark").definedBy("io.sumbin.spark..")
        .layer("cli").definedBy("io.sumbin.cli..")
        .whereLayer("cli").mayNotBeAccessedByAnyLayer()
        .whereLayer("spark").mayOnlyBeAccessedByLayers("cli")
        .whereLayer("examples").mayOnlyBeAccessedByLayers("cli")
        .whereLayer("eft").mayOnlyBeAccessedByLayers("examples", "cli")
        .whereLayer("summaries").mayOnlyBeAccessedByLayers("eft", "examples", "cli")
        .whereLayer("binning").mayOnlyBeAccessedByLayers("summaries", "eft", "examples", "cli")
        .whereLayer("pyhf-export").mayOnlyBeAccessedByLayers("eft", "examples", "cli")
        .whereLayer("spark").mayOnlyAccessLayers("hist-model")
        .check(classes);
  }
}
