package io.sumbin.histmodel.modifier;

import io.sumbin.histmodel.spec.ModifierSpec;
import io.sumbin.histmodel.spec.SpecException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Common bookkeeping of a {@link ModifierBuilder}: remembers every occurrence and registers a
 * parameter set at the first occurrence of its name (pyhf's {@code required_parsets.setdefault});
 * later occurrences must ask for the same parameter set. A descriptor's builder extends it with
 * {@link #requirement} (what parameters an occurrence needs), optionally {@link #check} (validation
 * of one occurrence) and {@link #emit} (the yield contributions).
 */
public abstract class AbstractBuilder implements ModifierBuilder {
  /**
   * One occurrence of the modifier on a site.
   *
   * @param site where
   * @param name the modifier's (parameter set's) name
   * @param mod the spec
   * @param path its JSON path
   */
  public record Occurrence(Site site, String name, ModifierSpec mod, String path) {}

  /** The occurrences in walk order. */
  protected final List<Occurrence> occurrences = new ArrayList<>();
  /** The parameter-set requirements by name, in registration order. */
  protected final LinkedHashMap<String, ParamsetRequirement> reqs = new LinkedHashMap<>();

  /** A builder with no occurrences yet. */
  protected AbstractBuilder() {}

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

  /**
   * Validates one occurrence (shapes, values); does nothing by default.
   *
   * @param site where
   * @param mod the spec
   * @param path its JSON path
   */
  protected void check(Site site, ModifierSpec mod, String path) {}

  /**
   * The parameter set one occurrence asks for.
   *
   * @param site where
   * @param mod the spec
   * @param path its JSON path (the requirement's source)
   * @return the requirement, or null when registered after the walk (staterror)
   */
  protected abstract ParamsetRequirement requirement(Site site, ModifierSpec mod, String path);

  @Override
  public LinkedHashMap<String, ParamsetRequirement> requirements() {
    return reqs;
  }

  /**
   * Refuses an array whose length is not the channel's number of bins.
   *
   * @param path JSON path of the array
   * @param what its name in the message
   * @param a the array
   * @param site where
   * @param type the modifier type
   * @param name the modifier name
   */
  protected static void checkLength(String path, String what, double[] a, Site site, String type, String name) {
    if (a.length != site.nbins()) {
      throw new SpecException(path, type + " '" + name + "' " + what + " has " + a.length
          + " bins, channel '" + site.channelName() + "' has " + site.nbins());
    }
  }

  /**
   * Refuses non-finite values.
   *
   * @param path JSON path of the array
   * @param what its name in the message
   * @param a the array
   */
  protected static void checkFinite(String path, String what, double[] a) {
    for (int i = 0; i < a.length; i++) {
      if (!Double.isFinite(a[i])) {
        throw new SpecException(path, what + "[" + i + "] is not finite (" + a[i] + ")");
      }
    }
  }

  /**
   * The parameter indices of a bin-wise parameter set on the bins of a site (component b on bin b).
   *
   * @param offset the set's first parameter
   * @param site where
   * @return offset + b for each bin b
   */
  protected static int[] perBin(int offset, Site site) {
    int[] idx = new int[site.nbins()];
    for (int b = 0; b < idx.length; b++) {
      idx[b] = offset + b;
    }
    return idx;
  }

  /**
   * The Gaussian-constrained scalar parameter of normsys and histosys: init 0, bounds [−5, 5],
   * auxiliary datum 0, width 1.
   *
   * @param kind the modifier type
   * @param src the JSON path of the occurrence
   * @return the requirement
   */
  protected static ParamsetRequirement normalScalar(String kind, String src) {
    return new ParamsetRequirement(kind, Constraint.NORMAL, 1, true, new double[] {0.0},
        new double[][] {{-5.0, 5.0}}, new boolean[] {false}, new double[] {0.0}, null, null, src);
  }
}
