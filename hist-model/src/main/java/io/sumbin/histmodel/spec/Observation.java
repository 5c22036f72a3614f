package io.sumbin.histmodel.spec;

import io.sumbin.histmodel.util.RecordText;
import java.util.Arrays;

/** Observed counts of one channel. */
public record Observation(String name, double[] data) {
  @Override
  public String toString() {
    return RecordText.of(this);
  }

  public Observation {
    data = data.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Observation ob && ob.name.equals(name) && Arrays.equals(ob.data, data);
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + Arrays.hashCode(data);
  }
}
