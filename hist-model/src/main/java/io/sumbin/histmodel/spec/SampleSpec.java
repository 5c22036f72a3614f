package io.sumbin.histmodel.spec;

import io.sumbin.histmodel.util.RecordText;
import java.util.Arrays;
import java.util.List;

/**
 * A sample of a channel: nominal yields per bin and the modifiers acting on it.
 *
 * <p>{@code terms} is sumbin's extension: when non-empty the nominal yield is replaced by
 * Σ_k f_k(θ) T_k (see {@link Coefficient}); {@code data} then holds the yield at the parameters'
 * initial values, which is what a pyhf reader of the file would see. Plain pyhf samples have
 * {@code terms = List.of()}.
 */
public record SampleSpec(String name, double[] data, List<ModifierSpec> modifiers, List<YieldTerm> terms) {
  @Override
  public String toString() {
    return RecordText.of(this);
  }

  public SampleSpec {
    data = data.clone();
    modifiers = List.copyOf(modifiers);
    terms = terms == null ? List.of() : List.copyOf(terms);
  }

  /** A plain pyhf sample. */
  public SampleSpec(String name, double[] data, List<ModifierSpec> modifiers) {
    this(name, data, modifiers, List.of());
  }

  /** True when the sample uses the POI-dependent extension. */
  public boolean hasTerms() {
    return !terms.isEmpty();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SampleSpec s
        && s.name.equals(name)
        && Arrays.equals(s.data, data)
        && s.modifiers.equals(modifiers)
        && s.terms.equals(terms);
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + Arrays.hashCode(data) * 17 + modifiers.hashCode() + terms.hashCode();
  }
}
