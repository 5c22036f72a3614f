package io.sumbin.eft;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.sumbin.binning.EventTable;
import io.sumbin.binning.lhe.LheHeader;
import io.sumbin.binning.lhe.LheSample;
import io.sumbin.eft.morphing.ParameterPoint;
import io.sumbin.histmodel.util.RecordText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What an LHE file holds (the {@code sumbin lhe info} contract): header cross-section, weights and
 * their normalization, beams, the reweighting points with their parsed MadGraph parameter values, the
 * coefficients they touch and the observables read from the events.
 *
 * @param parameterPoints one per weight id; {@code values} is null for an id that is not MadGraph-style
 * @param readSeconds time to read the file, rounded to milliseconds
 */
public record LheInfo(
    String file,
    int events,
    @JsonProperty("cross_section") double crossSectionPb,
    @JsonProperty("cross_section_error") double crossSectionErrorPb,
    @JsonProperty("sum_weights") double sumWeights,
    @JsonProperty("weight_normalization") String weightNormalization,
    int[] beams,
    @JsonProperty("sqrt_s") double sqrtS,
    @JsonProperty("weight_ids") List<String> weightIds,
    int points,
    @JsonProperty("parameter_points") List<Point> parameterPoints,
    List<String> coefficients,
    List<String> observables,
    @JsonProperty("read_seconds") double readSeconds) {
  @Override
  public String toString() {
    return RecordText.of(this);
  }

  /** A reweighting point: its id and the coefficient values the id encodes (null: not a MadGraph id). */
  public record Point(String id, Map<String, Double> values) {}

  /** The summary of the first file of a sample read in {@code seconds}. */
  public static LheInfo of(LheSample s, double seconds) {
    LheHeader h = s.headers().get(0);
    EventTable t = s.events();
    List<Point> pts = new ArrayList<>();
    Set<String> coefficients = new LinkedHashSet<>();
    for (String id : s.weightIds()) {
      ParameterPoint pp = point(id);
      Map<String, Double> values = pp == null ? null : new LinkedHashMap<>(pp.values());
      if (values != null) {
        coefficients.addAll(values.keySet());
      }
      pts.add(new Point(id, values));
    }
    return new LheInfo(s.files().get(0).toString(), t.size(), h.crossSectionPb(), h.crossSectionErrorPb(), t.sumWeights(),
        s.normalizations().get(0).name().toLowerCase(Locale.ROOT), new int[] {h.beam1(), h.beam2()}, h.sqrtS(),
        s.weightIds(), s.weightIds().size(), pts, new ArrayList<>(coefficients), observables(t),
        Math.round(seconds * 1000) / 1000.0);
  }

  /** The event columns that are observables (every column but the reweighting weights). */
  public static List<String> observables(EventTable t) {
    List<String> obs = new ArrayList<>();
    for (String c : t.columnNames()) {
      if (!c.startsWith(LheSample.REWEIGHT_PREFIX)) {
        obs.add(c);
      }
    }
    return obs;
  }

  /** The parsed point of an id, or null if it is not a MadGraph-style id. */
  public static ParameterPoint point(String id) {
    try {
      return ParameterPoint.parseMadGraphId(id);
    } catch (IllegalArgumentException | io.sumbin.histmodel.BadInputException e) {
      return null;
    }
  }
}
