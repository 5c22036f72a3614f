package io.sumbin.histmodel.modifier;

import io.sumbin.histmodel.spec.ModifierSpec;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Collects the occurrences of one modifier kind during compilation, in the same walk and with the
 * same parameter-registration rules as pyhf's builders, so that parameter order is pyhf's.
 */
public interface ModifierBuilder {
  /**
   * Called for every site and every distinct modifier name of this kind in the model (sorted), with
   * {@code mod == null} when the site's sample does not carry it.
   *
   * @param site the site
   * @param name the modifier name
   * @param mod the modifier, or null
   * @param modPath JSON path of the modifier (null when absent)
   */
  void visit(Site site, String name, ModifierSpec mod, String modPath);

  /**
   * Called once after the walk, before {@link #requirements()}: for kinds that register parameters
   * only when every site is known (staterror). Does nothing by default.
   *
   * @param nMain bins of the main data (all channels)
   * @param allSites every site of the walk, in walk order
   */
  default void finishWalk(int nMain, List<Site> allSites) {}

  /**
   * Parameter-set requirements in pyhf's registration order (called once, after all visits).
   *
   * @return requirements by parameter-set name
   */
  LinkedHashMap<String, ParamsetRequirement> requirements();

  /**
   * Emits yield contributions once parameters are laid out.
   *
   * @param layout where each parameter set starts
   * @param sink the receiver
   */
  void emit(ParameterLayout layout, YieldSink sink);
}
