package io.sumbin.binning;

import io.sumbin.histmodel.spec.ChannelSpec;
import io.sumbin.histmodel.spec.Measurement;
import io.sumbin.histmodel.spec.ModifierSpec;
import io.sumbin.histmodel.spec.Observation;
import io.sumbin.histmodel.spec.ParameterSpec;
import io.sumbin.histmodel.spec.SampleSpec;
import io.sumbin.histmodel.spec.Workspace;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Immutable builder of a HistFactory channel from histograms: each sample's nominal yields are its
 * Σw per bin and, unless switched off, it carries a {@code staterror} modifier named
 * {@code staterror_<channel>} with data √Σw² (shared by all samples of the channel, so the
 * Barlow–Beeston-lite constraint uses the total MC uncertainty per bin, as in pyhf).
 *
 * <pre>{@code
 * Workspace ws = ChannelBuilder.named("SR")
 *     .withSample("signal", hSig.scaled(lumi), new ModifierSpec.NormFactor("mu"))
 *     .withSample("background", hBkg.scaled(lumi))
 *     .withAsimovObserved()
 *     .workspace("mu");
 * }</pre>
 */
public final class ChannelBuilder {
  private final String channel;
  private final String staterrorName;
  private final List<SampleSpec> samples;
  private final double[] observed;

  private ChannelBuilder(String channel, String staterrorName, List<SampleSpec> samples, double[] observed) {
    this.channel = channel;
    this.staterrorName = staterrorName;
    this.samples = samples;
    this.observed = observed;
  }

  /** An empty channel; histogram samples get the staterror {@code staterror_<channel>}. */
  public static ChannelBuilder named(String channel) {
    if (channel == null || channel.isEmpty()) {
      throw new IllegalArgumentException("channel name must be non-empty");
    }
    return new ChannelBuilder(channel, "staterror_" + channel, List.of(), null);
  }

  /** The name used for the staterror modifier of samples added afterwards ({@code null}: none). */
  public ChannelBuilder withStaterrorName(String name) {
    return new ChannelBuilder(channel, name, samples, observed);
  }

  /** Adds a sample from a histogram (with the current staterror setting) and extra modifiers. */
  public ChannelBuilder withSample(String name, Histogram h, ModifierSpec... modifiers) {
    return withSample(h.toSample(name, staterrorName, modifiers));
  }

  /**
   * Adds one sample per entry (e.g. from {@link Histogram#fillByProcess}), in map order, each with
   * the current staterror setting and the same extra modifiers.
   */
  public ChannelBuilder withSamples(java.util.Map<String, Histogram> histograms, ModifierSpec... modifiers) {
    ChannelBuilder b = this;
    for (java.util.Map.Entry<String, Histogram> e : histograms.entrySet()) {
      b = b.withSample(e.getKey(), e.getValue(), modifiers);
    }
    return b;
  }

  /** Adds a ready-made sample (e.g. one with polynomial yield terms). */
  public ChannelBuilder withSample(SampleSpec sample) {
    if (!samples.isEmpty() && sample.data().length != samples.get(0).data().length) {
      throw new IllegalArgumentException("channel '" + channel + "': sample '" + sample.name() + "' has "
          + sample.data().length + " bins, sample '" + samples.get(0).name() + "' has " + samples.get(0).data().length);
    }
    for (SampleSpec s : samples) {
      if (s.name().equals(sample.name())) {
        throw new IllegalArgumentException("channel '" + channel + "' already has a sample named '" + sample.name() + "'");
      }
    }
    List<SampleSpec> l = new ArrayList<>(samples);
    l.add(sample);
    return new ChannelBuilder(channel, staterrorName, List.copyOf(l), observed);
  }

  /** Observed counts per bin (read; copied). */
  public ChannelBuilder withObserved(double[] counts) {
    return new ChannelBuilder(channel, staterrorName, samples, counts.clone());
  }

  /** Observed counts = the Σw of a histogram (e.g. of pseudo-data). */
  public ChannelBuilder withObserved(Histogram h) {
    return withObserved(h.sumw());
  }

  /** Observed counts = the sum of the samples' nominal data (the Asimov dataset at the nominal point). */
  public ChannelBuilder withAsimovObserved() {
    if (samples.isEmpty()) {
      throw new IllegalStateException("channel '" + channel + "': add samples before an Asimov observation");
    }
    double[] o = new double[samples.get(0).data().length];
    for (SampleSpec s : samples) {
      double[] d = s.data();
      for (int b = 0; b < o.length; b++) {
        o[b] += d[b];
      }
    }
    return withObserved(o);
  }

  /** The channel spec. */
  public ChannelSpec channel() {
    if (samples.isEmpty()) {
      throw new IllegalStateException("channel '" + channel + "' has no samples");
    }
    return new ChannelSpec(channel, samples);
  }

  /** The observation (requires observed counts with the channel's number of bins). */
  public Observation observation() {
    if (observed == null) {
      throw new IllegalStateException("channel '" + channel + "' has no observed counts (withObserved / withAsimovObserved)");
    }
    int nb = channel().nbins();
    if (observed.length != nb) {
      throw new IllegalArgumentException("channel '" + channel + "': observed counts have " + observed.length
          + " bins, the samples " + nb + ": " + Arrays.toString(observed));
    }
    return new Observation(channel, observed);
  }

  /** A one-channel workspace with measurement "Measurement" and parameter of interest {@code poi}. */
  public Workspace workspace(String poi) {
    return workspace("Measurement", poi, List.of(), this);
  }

  /** A workspace of several channels and one measurement. */
  public static Workspace workspace(String measurement, String poi, List<ParameterSpec> parameters, ChannelBuilder... channels) {
    List<ChannelSpec> ch = new ArrayList<>();
    List<Observation> obs = new ArrayList<>();
    for (ChannelBuilder c : channels) {
      ch.add(c.channel());
      obs.add(c.observation());
    }
    return new Workspace(ch, obs, List.of(new Measurement(measurement, poi, parameters)), "1.0.0");
  }
}
