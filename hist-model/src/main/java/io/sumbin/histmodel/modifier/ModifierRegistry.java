package io.sumbin.histmodel.modifier;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The registered modifier kinds, in the order that fixes parameter order (pyhf's: histosys, lumi,
 * normfactor, normsys, shapefactor, shapesys, staterror).
 */
public final class ModifierRegistry {
  private static final Map<String, ModifierKind> KINDS = Collections.unmodifiableMap(Kinds.histfactory());

  private ModifierRegistry() {}

  /** Kinds by type name, in registration order. */
  public static Map<String, ModifierKind> kinds() {
    return KINDS;
  }

  /** The kind of a type name, or null. */
  public static ModifierKind get(String type) {
    return KINDS.get(type);
  }
}
