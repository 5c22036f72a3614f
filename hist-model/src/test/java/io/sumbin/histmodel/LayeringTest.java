package io.sumbin.histmodel;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package layering of hist-model (DESIGN §1), checked on the compiled main classes: the
 * packages form no cycle, every dependency points from a later stage of the pipeline to an earlier
 * one, and the engine uses no other sumbin module and no library beyond the two it declares.
 *
 * <pre>
 *   util, progress, interp → spec → modifier → likelihood → compile → fit → infer → infer.toys → infer.neyman → inference → family | unbinned
 *                                                                     infer.toys → infer.diagnostics → inference
 * </pre>
 *
 * with two tighter rules: {@code likelihood} (the objective / Hessian / model contract) uses only
 * {@code util}, and {@code fit} (the minimiser) only {@code likelihood} and {@code util} — it works on
 * any objective, never on a compiled model.
 */
class LayeringTest {
  private static final String ROOT = "io.sumbin.histmodel";
  /** The layer of the root package: the error hierarchy. */
  private static final String ERRORS = "errors";

  /** Allowed dependencies of each package (beyond itself), in pipeline order. */
  private static final Map<String, List<String>> MAY_USE = new LinkedHashMap<>();

  static {
    MAY_USE.put("util", List.of());
    // the progress listener and its text renderer: imported by any loop that reports progress
    MAY_USE.put("progress", List.of());
    MAY_USE.put("interp", List.of());
    MAY_USE.put("spec", List.of("util", "interp"));
    MAY_USE.put("modifier", List.of("util", "interp", "spec"));
    MAY_USE.put("likelihood", List.of("util"));
    MAY_USE.put("compile", List.of("util", "interp", "spec", "modifier", "likelihood"));
    MAY_USE.put("fit", List.of("util", "likelihood"));
    // units of work and their runners: they carry compiled models (as their specs) and nothing of inference
    MAY_USE.put("parallel", List.of("util", "spec", "compile", "progress"));
    List<String> upToFit = List.of("util", "progress", "interp", "spec", "modifier", "likelihood", "compile", "fit", "parallel");
    MAY_USE.put("infer", upToFit);
    MAY_USE.put("infer.toys", plus(upToFit, "infer"));
    MAY_USE.put("infer.neyman", plus(upToFit, "infer", "infer.toys"));
    // fit diagnostics (pulls, impacts, yields, goodness of fit, intervals, toy limits)
    MAY_USE.put("infer.diagnostics", plus(upToFit, "infer", "infer.toys"));
    // the inference facade: assembles fitter, calculator and statistic from everything before it
    MAY_USE.put("inference", plus(upToFit, "infer", "infer.toys", "infer.neyman", "infer.diagnostics"));
    // the two consumers at the end of the pipeline: everything before them, not each other
    MAY_USE.put("family", plus(upToFit, "infer", "infer.toys", "infer.neyman", "infer.diagnostics", "inference"));
    MAY_USE.put("unbinned", plus(upToFit, "infer", "infer.toys", "infer.neyman", "inference"));
  }

  private static JavaClasses classes;

  @BeforeAll
  static void importMainClasses() {
    classes = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
        .importPackages(ROOT);
  }

  @Test
  void everyPackageHasAPlaceInTheLayering() {
    TreeSet<String> found = classes.stream()
        .map(JavaClass::getPackageName)
        .filter(p -> p.startsWith(ROOT + "."))
        .map(p -> p.substring(ROOT.length() + 1))
        .collect(Collectors.toCollection(TreeSet::new));
    assertThat(found)
        .as("hist-model packages (a new package needs a place in MAY_USE and in DESIGN §1)")
        .containsExactlyInAnyOrderElementsOf(MAY_USE.keySet());
  }

  @Test
  void packagesAreFreeOfCycles() {
    slices().matching(ROOT + ".(**)").should().beFreeOfCycles().check(classes);
  }

  @Test
  void theLikelihoodContractKnowsNeitherCompilerNorMinimiser() {
    // issue 13 item 3, stated on its own so that widening MAY_USE cannot quietly bring the cycle back:
    // compile implements the contract, fit minimises any Objective, and neither knows the other
    ArchRuleDefinition.noClasses().that().resideInAPackage(ROOT + ".likelihood")
        .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".compile..", ROOT + ".fit..")
        .check(classes);
    ArchRuleDefinition.noClasses().that().resideInAPackage(ROOT + ".fit")
        .should().dependOnClassesThat().resideInAPackage(ROOT + ".compile..")
        .check(classes);
  }

  @Test
  void dependenciesFollowThePipeline() {
    LayeredArchitecture arch = layeredArchitecture().consideringOnlyDependenciesInLayers()
        .ensureAllClassesAreContainedInArchitecture();
    // the root package holds the error hierarchy (SumbinException and its two kinds), usable by every stage
    arch = arch.layer(ERRORS).definedBy(ROOT);
    for (String p : MAY_USE.keySet()) {
      arch = arch.layer(p).definedBy(ROOT + "." + p);
    }
    arch = arch.whereLayer(ERRORS).mayNotAccessAnyLayer();
    for (Map.Entry<String, List<String>> e : MAY_USE.entrySet()) {
      arch = arch.whereLayer(e.getKey()).mayOnlyAccessLayers(plus(e.getValue(), ERRORS).toArray(String[]::new));
    }
    arch.check(classes);
  }

  @Test
  void usesNoOtherModuleAndOnlyItsDeclaredLibraries() {
    // the engine knows nothing of events, networks, workspaces on disk or the command line;
    // JSON only through Jackson's streaming core (toy journals), numerics through Hipparchus
    ArchRuleDefinition.classes().that().resideInAPackage(ROOT + "..")
        .should().onlyDependOnClassesThat()
        .resideInAnyPackage(ROOT + "..", "java..", "org.hipparchus..", "com.fasterxml.jackson.core..")
        .check(classes);
  }

  private static List<String> plus(List<String> base, String... more) {
    List<String> l = new ArrayList<>(base);
    l.addAll(List.of(more));
    return List.copyOf(l);
  }
}
