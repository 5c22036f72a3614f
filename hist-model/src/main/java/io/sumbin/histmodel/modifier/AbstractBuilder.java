package io.sumbin.histmodel.modifier;

import io.sumbin.histmodel.spec.ModifierSpec;
import io.sumbin.histmodel.spec.SpecException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Common bookkeeping: remembers every occurrence and registers a parameter set at the first
 * occurrence of its name (pyhf's {@code required_parsets.setdefault}); later occurrences must ask
 * for the same parameter set.
 */
abstract class AbstractBuilder implements ModifierBuilder {
  /** One occurrence of the modifier on a site. */
  record Occurrence(Site site, String name, ModifierSpec mod, String path) {}

  final List<Occurrence> occurrences = new ArrayList<>();
  final LinkedHashMap<String, ParamsetRequirement> reqs = new LinkedHashMap<>();

  @Override
  public void visit(Site site, String name, ModifierSpec mod, String modPath) {
    if (mod == null) {
      return;
    }
    check(site, mod, modPath);
    occurrences.add(new Occurrence(site, name, mod, modPath));
    ParamsetRequirement r = requirement(site, mod, modPath);
    if (r != null) {
      ParamsetRequirement old = reqs.putIfAbsent(name, r);
      if (old != null) {
        String diff = old.firstDifference(r);
        if (diff != null) {
          throw new SpecException(modPath, mod.type() + " '" + name + "' asks for a parameter set that differs in "
              + diff + " from the one defined at " + old.source() + "; use distinct modifier names");
        }
      }
    }
  }

  /** Validates one occurrence (shapes, values). */
  void check(Site site, ModifierSpec mod, String path) {}

  /** Requirement of one occurrence, or null when registered elsewhere (staterror). */
  abstract ParamsetRequirement requirement(Site site, ModifierSpec mod, String path);

  @Override
  public LinkedHashMap<String, ParamsetRequirement> requirements() {
    return reqs;
  }

  static void checkLength(String path, String what, double[] a, Site site, String type, String name) {
    if (a.length != site.nbins()) {
      throw new SpecException(path, type + " '" + name + "' " + what + " has " + a.length
          + " bins, channel '" + site.channelName() + "' has " + site.nbins());
    }
  }

  static void checkFinite(String path, String what, double[] a) {
    for (int i = 0; i < a.length; i++) {
      if (!Double.isFinite(a[i])) {
        throw new SpecException(path, what + "[" + i + "] is not finite (" + a[i] + ")");
      }
    }
  }
}
