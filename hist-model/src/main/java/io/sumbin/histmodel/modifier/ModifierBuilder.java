package io.sumbin.histmodel.modifier;

import io.sumbin.histmodel.spec.ModifierSpec;
import java.util.LinkedHashMap;

/**
 * Collects the occurrences of one modifier kind during compilation, in the same walk and with the
 * same parameter-registration rules as pyhf's builders, so that parameter order is pyhf's.
 */
public interface ModifierBuilder {
  /**
   * Called for every site and every distinct modifier name of this kind in the model (sorted), with
   * {@code mod == null} when the site's sample does not carry it.
   *
   * @param modPath JSON path of the modifier (null when absent)
   */
  void visit(Site site, String name, ModifierSpec mod, String modPath);

  /** Parameter-set requirements in pyhf's registration order (called once, after all visits). */
  LinkedHashMap<String, ParamsetRequirement> requirements();

  /** Emits yield contributions once parameters are laid out. */
  void emit(ParameterLayout layout, YieldSink sink);
}
