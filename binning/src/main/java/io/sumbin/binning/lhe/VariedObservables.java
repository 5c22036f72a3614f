package io.sumbin.binning.lhe;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Observables computed on the nominal event and on each {@link EventVariation} of it in one reading pass:
 * the columns are the base observables' names, then for each variation {@code v} the same names suffixed
 * {@code @v} ({@link #column}). Reading a sample with these observables gives, per event, the nominal and
 * every varied value of every observable without keeping the particles.
 *
 * <p>Not thread-safe: the event index handed to the variations counts the calls to {@link #compute}, which the
 * reader makes once per event in file order (so a seeded smearing is reproducible for the same files).
 */
public final class VariedObservables implements EventObservables {
  private final EventObservables base;
  private final List<String> variationNames;
  private final List<EventVariation> variations;
  private final List<String> names;
  private long index;

  /**
   * @param base the observables (e.g. {@link LheObservables#vbfHiggs()})
   * @param variations named variations, in column order (names must not contain '@')
   */
  public VariedObservables(EventObservables base, Map<String, EventVariation> variations) {
    this.base = base;
    this.variationNames = List.copyOf(variations.keySet());
    this.variations = List.copyOf(variations.values());
    List<String> n = new ArrayList<>(base.names());
    for (String v : variationNames) {
      if (v.indexOf('@') >= 0) {
        throw new IllegalArgumentException("variation name '" + v + "' must not contain '@'");
      }
      for (String b : base.names()) {
        n.add(column(b, v));
      }
    }
    this.names = List.copyOf(n);
  }

  /** Name of observable {@code name} under variation {@code variation}: {@code name@variation}. */
  public static String column(String name, String variation) {
    return name + "@" + variation;
  }

  @Override
  public List<String> names() {
    return names;
  }

  @Override
  public void compute(LheEvent event, double[] out) {
    long i = index++;
    base.compute(event, out);
    int nb = base.names().size();
    double[] tmp = new double[nb];
    for (int v = 0; v < variations.size(); v++) {
      base.compute(variations.get(v).apply(event, i), tmp);
      System.arraycopy(tmp, 0, out, nb * (v + 1), nb);
    }
  }
}
