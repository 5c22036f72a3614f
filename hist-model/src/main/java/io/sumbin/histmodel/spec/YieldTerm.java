package io.sumbin.histmodel.spec;

import io.sumbin.histmodel.util.RecordText;
import java.util.Arrays;

/** One term f(θ)·T of a POI-dependent sample; {@code data} is the template T per bin. */
public record YieldTerm(Coefficient coefficient, double[] data) {
  @Override
  public String toString() {
    return RecordText.of(this);
  }

  public YieldTerm {
    data = data.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof YieldTerm t && t.coefficient.equals(coefficient) && Arrays.equals(t.data, data);
  }

  @Override
  public int hashCode() {
    return coefficient.hashCode() * 31 + Arrays.hashCode(data);
  }
}
