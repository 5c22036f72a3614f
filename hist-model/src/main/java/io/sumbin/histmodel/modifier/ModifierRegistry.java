package io.sumbin.histmodel.modifier;

import io.sumbin.histmodel.spec.ModifierSpec;
import io.sumbin.histmodel.spec.SpecException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * The registered modifier descriptors by type, in the order that fixes parameter order: pyhf's
 * seven types in pyhf's order (histosys, lumi, normfactor, normsys, shapefactor, shapesys,
 * staterror), one line each; then the extensions found on the class path, sorted by type name; then
 * extensions in the order of their {@link #register} calls.
 *
 * <p>An extension on the class path is a {@link ModifierKind} implementation (a public class with a
 * public no-argument constructor) listed, one line, in a
 * {@code META-INF/services/io.sumbin.histmodel.modifier.ModifierKind} file of its jar: with
 * {@code java -cp sumbin.jar:my-modifier.jar io.sumbin.cli.Main fit ws.json} sumbin reads, writes
 * and fits its type without a change to sumbin. They are found once, through {@link ServiceLoader}
 * with the class loader of this class, when the registry is first used; {@link #loadExtensions}
 * adds those of another class loader. A listed class that cannot be loaded, or a type that another
 * class already registers, stops the first use with a {@link ServiceConfigurationError} naming it.
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
    try {
      loadExtensions(ModifierRegistry.class.getClassLoader());
    } catch (RuntimeException e) {
      // an Error, so that the message (naming the class or type) is not lost in an ExceptionInInitializerError
      throw new ServiceConfigurationError(e.getMessage(), e);
    }
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
   * The descriptors listed in the {@code META-INF/services/io.sumbin.histmodel.modifier.ModifierKind}
   * files a class loader sees, sorted by type name (the class path's order is not a contract), without
   * registering them.
   *
   * @param loader where to look
   * @return the descriptors, one instance each
   * @throws IllegalStateException when a listed class cannot be loaded or instantiated, naming it
   */
  public static List<ModifierKind> discover(ClassLoader loader) {
    List<ModifierKind> found = new ArrayList<>();
    try {
      for (ModifierKind k : ServiceLoader.load(ModifierKind.class, loader)) {
        found.add(k);
      }
    } catch (ServiceConfigurationError e) {
      throw new IllegalStateException("modifier extension on the class path: " + e.getMessage(), e);
    }
    found.sort(Comparator.comparing(ModifierKind::type).thenComparing(k -> k.getClass().getName()));
    return found;
  }

  /**
   * Registers the descriptors {@link #discover} finds with this loader, in its order; those already
   * registered (the same class) are left as they are.
   *
   * @param loader where to look
   * @return the descriptors found
   * @throws IllegalStateException as {@link #discover}
   * @throws IllegalArgumentException when a found descriptor's type is already registered by another class
   */
  public static synchronized List<ModifierKind> loadExtensions(ClassLoader loader) {
    List<ModifierKind> found = discover(loader);
    for (ModifierKind k : found) {
      register(k);
    }
    return found;
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
