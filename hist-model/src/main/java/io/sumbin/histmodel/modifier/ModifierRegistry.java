package io.sumbin.histmodel.modifier;

import io.sumbin.histmodel.spec.ModifierSpec;
import io.sumbin.histmodel.spec.SpecException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The registered modifier descriptors by type, in the order that fixes parameter order: pyhf's
 * seven types in pyhf's order (histosys, lumi, normfactor, normsys, shapefactor, shapesys,
 * staterror), one line each, then extensions in the order of their {@link #register} calls.
 */
public final class ModifierRegistry {
  private static volatile Map<String, ModifierKind> kinds = Map.of();

  static {
    register(new HistoSysKind());
    register(new LumiKind());
    register(new NormFactorKind());
    register(new NormSysKind());
    register(new ShapeFactorKind());
    register(new ShapeSysKind());
    register(new StatErrorKind());
  }

  private ModifierRegistry() {}

  /**
   * Registers a descriptor; registering the same descriptor class again does nothing.
   *
   * @param kind the descriptor
   * @throws IllegalArgumentException when another descriptor already has the type
   */
  public static synchronized void register(ModifierKind kind) {
    ModifierKind old = kinds.get(kind.type());
    if (old != null) {
      if (old.getClass() == kind.getClass()) {
        return;
      }
      throw new IllegalArgumentException("modifier type '" + kind.type() + "' is already registered by " + old.getClass().getName());
    }
    LinkedHashMap<String, ModifierKind> m = new LinkedHashMap<>(kinds);
    m.put(kind.type(), kind);
    kinds = Collections.unmodifiableMap(m);
  }

  /**
   * Descriptors by type name, in registration order.
   *
   * @return an unmodifiable snapshot
   */
  public static Map<String, ModifierKind> kinds() {
    return kinds;
  }

  /**
   * The descriptor of a type name, or null.
   *
   * @param type the type string
   * @return the descriptor or null
   */
  public static ModifierKind get(String type) {
    return kinds.get(type);
  }

  /**
   * The descriptor of a spec.
   *
   * @param spec a modifier
   * @return its descriptor
   * @throws SpecException when its type is not registered
   */
  public static ModifierKind of(ModifierSpec spec) {
    ModifierKind k = kinds.get(spec.type());
    if (k == null) {
      throw new SpecException("", "unknown modifier type '" + spec.type() + "'");
    }
    return k;
  }
}
