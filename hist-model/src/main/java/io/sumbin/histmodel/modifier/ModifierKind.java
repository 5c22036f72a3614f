package io.sumbin.histmodel.modifier;

import io.sumbin.histmodel.spec.ModifierSettings;
import io.sumbin.histmodel.spec.ModifierSpec;

/**
 * The descriptor of one modifier type ({@code normsys}, ...): everything the code base knows about
 * the type lives in its descriptor, one file per type, and the descriptor is registered with one
 * line in {@link ModifierRegistry}. Readers and writers of workspaces (pyhf-export's
 * {@code WorkspaceIO}), the compiler ({@code compile.ModelCompiler}) and the family pair model
 * ({@code family.HypothesisPair}) dispatch through the registry. A descriptor acts only while a
 * model is read, written or compiled; evaluating a compiled model never calls it.
 *
 * <p>A type that is not one of pyhf's is an extension: its spec is a record implementing
 * {@link ModifierSpec.Extension}, usually nested in the descriptor's file.
 */
public interface ModifierKind {
  /**
   * The type string of the modifier's JSON object.
   *
   * @return e.g. {@code "normsys"}
   */
  String type();

  /**
   * Reads one modifier from its JSON {@code data}. For pyhf's types the document has passed pyhf's
   * schema already; an extension checks its data here and refuses bad data with a
   * {@link io.sumbin.histmodel.spec.SpecException} naming {@code data}'s path (or a path below it).
   *
   * @param name the modifier's name
   * @param data its {@code data} member
   * @return the spec, whose {@link ModifierSpec#type()} is {@link #type()}
   */
  ModifierSpec read(String name, ModifierData data);

  /**
   * The JSON {@code data} of one modifier of this type, in {@link ModifierData}'s vocabulary.
   *
   * @param spec a spec of this type
   * @return null, a {@link Double}, a {@code double[]} or a map (keys are written in alphabetical order)
   */
  Object write(ModifierSpec spec);

  /**
   * A fresh builder for one compilation: it collects the occurrences, registers parameter sets
   * (inits, bounds, constraint, auxiliary data) and emits yield contributions.
   *
   * @param settings the model's interpolation settings
   * @return the builder
   */
  ModifierBuilder newBuilder(ModifierSettings settings);

  /**
   * How the type's parameters are constrained (what {@code inspect} reports).
   *
   * @return the constraint
   */
  Constraint constraint();

  /**
   * Whether the modifier scales a sample by one factor for all bins (normfactor, normsys, lumi).
   * The pair model of a family keeps such modifiers on a POI-dependent sample's delta sample and
   * leaves shape and bin-wise modifiers on the reference sample only.
   *
   * @return true for an overall factor
   */
  default boolean overallFactor() {
    return false;
  }

  /**
   * Whether pyhf's workspace schema knows the type. Documents with other (registered) types are
   * checked by their descriptors and validated against the schema without them; pyhf itself would
   * refuse them.
   *
   * @return true for pyhf's seven types
   */
  default boolean pyhf() {
    return false;
  }

  /**
   * Reports what pyhf accepts in this modifier but may be a mistake (a negative shapesys
   * uncertainty); the reader turns each finding into a warning, or a refusal under {@code --strict}.
   *
   * @param spec a spec of this type
   * @param path the JSON path of the modifier
   * @param findings where to report
   */
  default void questionable(ModifierSpec spec, String path, Findings findings) {}

  /** Receives the findings of {@link #questionable}. */
  @FunctionalInterface
  interface Findings {
    /**
     * One finding.
     *
     * @param path JSON path of the offending value
     * @param detail what is questionable
     * @param asPyhf what pyhf (and the default reading) does with it
     */
    void flag(String path, String detail, String asPyhf);
  }
}
