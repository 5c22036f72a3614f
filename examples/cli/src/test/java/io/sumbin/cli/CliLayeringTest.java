package io.sumbin.cli;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The command line's place in the architecture (docs/ARCHITECTURE.md): its packages form no cycle,
 * and it reaches the statistical engine through the inference facade.
 *
 * <p>The rule for hist-model: the CLI may use the facade ({@code histmodel.inference}), the
 * families' API ({@code histmodel.family}), the workspace specs ({@code histmodel.spec}) and the
 * error hierarchy freely; from the engine's other packages only <em>values</em> — records, enums,
 * interfaces (the likelihood-model and work-runner contracts) and exceptions: specs, settings and
 * results that it parses, passes on and renders — plus the few classes listed in
 * {@link #ALLOWED_ENGINE_CLASSES}, each for a stated reason. It never builds a fitter, a calculator,
 * a scan or a construction itself.
 */
class CliLayeringTest {
  private static final String HM = "io.sumbin.histmodel";

  /** hist-model packages the CLI may use without restriction. */
  private static final Set<String> OPEN_PACKAGES = Set.of(HM, HM + ".inference", HM + ".family", HM + ".spec");

  /** Engine classes (not values) the CLI may use, and why. */
  private static final Set<String> ALLOWED_ENGINE_CLASSES = Set.of(
      // model building: WorkspaceInput compiles a workspace into the model the facade's problems hold
      HM + ".compile.ModelCompiler", HM + ".compile.Models", HM + ".compile.CompiledModel",
      // the toy file format and its streaming: `toys` appends the facade's toy ensembles to a resumable journal
      HM + ".infer.toys.ToyJournal", HM + ".infer.toys.ToyCalculator", HM + ".infer.toys.ToyRunner",
      // result objects that are classes rather than records
      HM + ".infer.toys.ToyDistributions", HM + ".infer.toys.TestStatDistribution",
      // pure functions and constants the plots draw with (chi2 quantiles, asymptotic densities, contour lines, grids)
      HM + ".infer.Normal", HM + ".infer.toys.AsymptoticDensities", HM + ".infer.Contours", HM + ".infer.ProfileLikelihood",
      // the one place for temp files and staging directories (atomic outputs, file modes): not inference
      HM + ".util.AtomicFiles",
      // the one progress renderer (the CLI decides its mode: terminal line, plain lines or none)
      HM + ".progress.TextProgress");

  private static JavaClasses classes;

  @BeforeAll
  static void importCli() {
    classes = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
        .importPackages("io.sumbin.cli"); // hist-model classes are resolved from the classpath as the CLI reaches them
  }

  @Test
  void cliPackagesAreFreeOfCycles() {
    slices().matching("io.sumbin.cli.(**)").should().beFreeOfCycles().check(classes);
  }

  @Test
  void theCliUsesTheEngineThroughTheFacade() {
    DescribedPredicate<JavaClass> engineMachinery = DescribedPredicate.describe(
        "hist-model engine classes outside the facade (not records, enums, interfaces, exceptions or the allowed list)",
        type -> {
          JavaClass c = type.isArray() ? type.getBaseComponentType() : type;
          return c.getPackageName().startsWith(HM)
              && !OPEN_PACKAGES.contains(c.getPackageName())
              && !isValue(c)
              && !ALLOWED_ENGINE_CLASSES.contains(outermost(c).getName());
        });
    ArchRuleDefinition.noClasses().that().resideInAPackage("io.sumbin.cli..")
        .should().dependOnClassesThat(engineMachinery)
        .because("commands parse, call one facade method and render (docs/ARCHITECTURE.md)")
        .check(classes);
  }

  private static boolean isValue(JavaClass c) {
    return c.isEnum() || c.isInterface() || c.isAssignableTo(Throwable.class)
        || c.getRawSuperclass().map(s -> s.getName().equals("java.lang.Record")).orElse(false);
  }

  private static JavaClass outermost(JavaClass c) {
    JavaClass o = c;
    while (o.getEnclosingClass().isPresent()) {
      o = o.getEnclosingClass().get();
    }
    return o;
  }
}
