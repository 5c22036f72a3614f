package io.sumbin.summaries;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package layering of summaries (see {@code package-info} of the root package), checked on the compiled
 * main classes: the packages form no cycle, every dependency points down
 *
 * <pre>
 *   weights, persistence → (root) → loss → nn → derivative, ratio, onnx → event2vec → ensemble;  ratio → shape;  diagnostics → (root), weights
 * </pre>
 *
 * and DJL stays in the internal {@code nn} package's public signatures: no public or protected member of a
 * public class elsewhere names a DJL type, and the packages below {@code nn} and {@code diagnostics} do not
 * use DJL at all.
 */
class SummariesLayeringTest {
  private static final String ROOT = "io.sumbin.summaries";
  private static final String API = "(root)";
  private static final String DJL = "ai.djl";

  /** Allowed dependencies of each package (beyond itself), bottom up. */
  private static final Map<String, List<String>> MAY_USE = new LinkedHashMap<>();

  static {
    MAY_USE.put("weights", List.of());
    MAY_USE.put("persistence", List.of());
    MAY_USE.put(API, List.of("weights", "persistence"));
    MAY_USE.put("loss", List.of(API, "weights"));
    MAY_USE.put("nn", List.of(API, "weights", "persistence", "loss"));
    List<String> methodBase = List.of(API, "weights", "persistence", "loss", "nn");
    MAY_USE.put("derivative", methodBase);
    MAY_USE.put("ratio", methodBase);
    MAY_USE.put("onnx", methodBase);
    MAY_USE.put("event2vec", plus(methodBase, "derivative", "ratio"));
    MAY_USE.put("ensemble", plus(methodBase, "derivative", "ratio", "event2vec"));
    MAY_USE.put("diagnostics", List.of(API, "weights"));
    // learned shape ratios: the sample classifiers of ratio behind a DJL-free API
    MAY_USE.put("shape", List.of(API, "persistence", "ratio"));
  }

  /** The packages that may not touch DJL at all. */
  private static final List<String> DJL_FREE = List.of("weights", "persistence", API, "loss", "diagnostics", "shape");

  private static JavaClasses classes;

  @BeforeAll
  static void importMainClasses() {
    classes = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
        .importPackages(ROOT);
    assertThat(classes.stream().filter(c -> c.getPackageName().equals(ROOT + ".nn")).count())
        .as("the internal nn package was imported (the rules below would be vacuous otherwise)").isGreaterThan(3);
  }

  private static String packageOf(String layer) {
    return layer.equals(API) ? ROOT : ROOT + "." + layer;
  }

  @Test
  void everyPackageHasAPlaceInTheLayering() {
    TreeSet<String> found = classes.stream()
        .map(JavaClass::getPackageName)
        .map(p -> p.equals(ROOT) ? API : p.substring(ROOT.length() + 1))
        .collect(Collectors.toCollection(TreeSet::new));
    assertThat(found)
        .as("summaries packages (a new package needs a place in MAY_USE and in the root package-info)")
        .containsExactlyInAnyOrderElementsOf(MAY_USE.keySet());
  }

  @Test
  void packagesAreFreeOfCycles() {
    slices().matching(ROOT + ".(**)").should().beFreeOfCycles().check(classes);
  }

  @Test
  void dependenciesPointDown() {
    LayeredArchitecture arch = layeredArchitecture().consideringOnlyDependenciesInLayers()
        .ensureAllClassesAreContainedInArchitecture();
    for (String p : MAY_USE.keySet()) {
      arch = arch.layer(p).definedBy(packageOf(p));
    }
    for (Map.Entry<String, List<String>> e : MAY_USE.entrySet()) {
      arch = e.getValue().isEmpty() ? arch.whereLayer(e.getKey()).mayNotAccessAnyLayer()
          : arch.whereLayer(e.getKey()).mayOnlyAccessLayers(e.getValue().toArray(String[]::new));
    }
    arch.check(classes);
  }

  @Test
  void theLowerPackagesAndThePlotsDoNotUseDjl() {
    ArchRuleDefinition.noClasses().that().resideInAnyPackage(DJL_FREE.stream().map(SummariesLayeringTest::packageOf)
            .toArray(String[]::new))
        .should().dependOnClassesThat().resideInAPackage(DJL + "..")
        .check(classes);
  }

  @Test
  void djlTypesAppearInThePublicApiOfNnOnly() {
    ArchRuleDefinition.classes()
        .that().arePublic().and().resideOutsideOfPackage(ROOT + ".nn")
        .should(new ArchCondition<JavaClass>("declare no public or protected member with a DJL type in its signature") {
          @Override
          public void check(JavaClass c, ConditionEvents events) {
            Stream.concat(c.getFields().stream(), c.getCodeUnits().stream())
                .filter(m -> m.getModifiers().contains(JavaModifier.PUBLIC) || m.getModifiers().contains(JavaModifier.PROTECTED))
                .forEach(m -> {
                  Set<JavaClass> types = signatureTypes(m);
                  types.stream().filter(t -> t.getPackageName().startsWith(DJL)).forEach(t -> events.add(
                      SimpleConditionEvent.violated(m, m.getFullName() + " names " + t.getName())));
                });
            if (c.getRawSuperclass().map(s -> s.getPackageName().startsWith(DJL)).orElse(false)
                || c.getRawInterfaces().stream().anyMatch(i -> i.getPackageName().startsWith(DJL))) {
              events.add(SimpleConditionEvent.violated(c, c.getName() + " extends or implements a DJL type"));
            }
          }
        })
        .check(classes);
  }

  private static Set<JavaClass> signatureTypes(JavaMember m) {
    Set<JavaClass> types = new java.util.HashSet<>();
    if (m instanceof JavaField f) {
      types.addAll(f.getType().getAllInvolvedRawTypes());
    } else if (m instanceof JavaCodeUnit u) {
      types.addAll(u.getReturnType().getAllInvolvedRawTypes());
      u.getParameterTypes().forEach(t -> types.addAll(t.getAllInvolvedRawTypes()));
    }
    return types;
  }

  private static List<String> plus(List<String> base, String... more) {
    List<String> l = new ArrayList<>(base);
    l.addAll(List.of(more));
    return List.copyOf(l);
  }
}
