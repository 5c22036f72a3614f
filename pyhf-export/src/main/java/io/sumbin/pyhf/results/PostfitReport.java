package io.sumbin.pyhf.results;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.sumbin.histmodel.infer.diagnostics.ChannelYields;
import io.sumbin.histmodel.infer.diagnostics.SampleYields;
import io.sumbin.histmodel.infer.diagnostics.Yields;
import io.sumbin.histmodel.util.RecordText;
import java.util.List;

/**
 * The {@code postfit --json} object (issue 21; also with {@code --prefit}): per channel the data, the
 * expected total and its uncertainty per bin (full covariance; pre-fit: constraint widths), and the
 * yields of each sample; sums over the bins alongside.
 */
public record PostfitReport(boolean prefit, List<Channel> channels, String method) {

  /** One channel. */
  public record Channel(String name, double[] data, double[] total,
      @JsonProperty("total_uncertainty") double[] totalUncertainty, List<Sample> samples,
      @JsonProperty("data_sum") double dataSum, @JsonProperty("total_sum") double totalSum,
      @JsonProperty("total_sum_uncertainty") double totalSumUncertainty) {
    @Override
    public String toString() {
      return RecordText.of(this);
    }
  }

  /** One sample of a channel. */
  public record Sample(String name, double[] yields, double[] uncertainty, double sum,
      @JsonProperty("sum_uncertainty") double sumUncertainty) {
    @Override
    public String toString() {
      return RecordText.of(this);
    }
  }

  public static PostfitReport of(Yields y) {
    List<Channel> cs = y.channels().stream().map((ChannelYields c) -> new Channel(c.name(), c.data(), c.total(),
        c.totalUncertainty(), c.samples().stream().map((SampleYields s) -> new Sample(s.name(), s.yields(), s.uncertainty(),
            s.sum(), s.sumUncertainty())).toList(), c.dataSum(), c.totalSum(), c.totalSumUncertainty())).toList();
    return new PostfitReport(y.prefit(), cs, y.method());
  }
}
