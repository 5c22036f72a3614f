package io.sumbin.pyhf.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.sumbin.histmodel.infer.toys.ToyDistributions;

/** The toy-file objects ({@code sumbin toys}, {@code sumbin merge}): the hypothesis test of the toys with their counts. */
public final class ToysReport {
  private ToysReport() {}

  /** How many toys of each hypothesis the test used, and how many fits failed. */
  public record Counts(@JsonProperty("sb_toys") int sbToys, @JsonProperty("b_toys") int bToys,
      @JsonProperty("failed_toys") int failedToys) {
    /** The counts of a pair of toy distributions. */
    public static Counts of(ToyDistributions d) {
      return new Counts(d.sb().size(), d.b().size(), d.sb().nFailed() + d.b().nFailed());
    }
  }

  /**
   * {@code sumbin toys}: the test from every toy in the file, and what this run added.
   *
   * @param resumedToys toys that were already in the file
   */
  public record Run(@JsonUnwrapped HypotestReport test, @JsonUnwrapped Counts counts, String file, String shard, int ntoys,
      long seed, @JsonProperty("new_toys") int newToys, @JsonProperty("resumed_toys") int resumedToys) {}

  /** The report of a toys run on distributions {@code d}. */
  public static Run run(ToyDistributions d, String file, String shard, int ntoys, long seed, int newToys, int resumedToys) {
    return new Run(HypotestReport.of(d.hypoTestResult()), Counts.of(d), file, shard, ntoys, seed, newToys, resumedToys);
  }

  /**
   * {@code sumbin merge}: the test of the merged toys (absent, with a {@code message} why, when the
   * inputs hold no observed-data line), and the line counts.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Merge(@JsonUnwrapped HypotestReport test, @JsonUnwrapped Counts counts, String message, String file,
      int inputs, @JsonProperty("lines_read") int linesRead, @JsonProperty("lines_written") int linesWritten) {}

  /** The report of a merge; {@code d} is null when there is no hypothesis test. */
  public static Merge merge(ToyDistributions d, String file, int inputs, int linesRead, int linesWritten) {
    return d == null
        ? new Merge(null, null, "no observed-data line ('obs') in the inputs: no hypothesis test", file, inputs, linesRead, linesWritten)
        : new Merge(HypotestReport.of(d.hypoTestResult()), Counts.of(d), null, file, inputs, linesRead, linesWritten);
  }
}
