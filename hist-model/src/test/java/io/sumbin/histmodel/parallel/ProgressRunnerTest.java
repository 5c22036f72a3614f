package io.sumbin.histmodel.parallel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sumbin.histmodel.progress.ProgressListener;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A runner with progress: the same results, one task per run, one unit per finished unit, balanced on failure. */
class ProgressRunnerTest {
  record Squares() implements Work<Void, Integer> {
    @Override
    public Void newWorker() {
      return null;
    }

    @Override
    public Integer run(Void w, int unit) {
      if (unit == 77) {
        throw new IllegalStateException("unit 77 failed");
      }
      return unit * unit;
    }

    @Override
    public String name() {
      return "squares";
    }
  }

  /** Records the calls (thread-safe). */
  static final class Recorder implements ProgressListener {
    final List<String> events = Collections.synchronizedList(new ArrayList<>());
    final AtomicLong advanced = new AtomicLong();

    @Override
    public void start(String task, long total, String unit) {
      events.add("start " + task + " " + total);
    }

    @Override
    public void advance(long n) {
      advanced.addAndGet(n);
    }

    @Override
    public void done() {
      events.add("done");
    }
  }

  @Test
  void reportsEveryUnitAndKeepsTheResults() {
    Recorder r = new Recorder();
    WorkRunner plain = WorkRunner.threads(3);
    WorkRunner reporting = plain.withProgress(r);
    List<Integer> sunk = Collections.synchronizedList(new ArrayList<>());
    List<Integer> got = reporting.run(new Squares(), 50, (i, x) -> sunk.add(x));
    assertThat(got).isEqualTo(plain.run(new Squares(), 50));
    assertThat(sunk).hasSize(50);
    assertThat(r.advanced.get()).isEqualTo(50);
    assertThat(r.events).containsExactly("start squares 50", "done");
    assertThat(reporting.parallelism()).isEqualTo(3);
    assertThat(reporting.toString()).isEqualTo("threads(3)");
  }

  @Test
  void aFailedRunStillEndsItsTask() {
    Recorder r = new Recorder();
    assertThatThrownBy(() -> WorkRunner.threads(2).withProgress(r).run(new Squares(), 100))
        .isInstanceOf(IllegalStateException.class).hasMessage("unit 77 failed");
    assertThat(r.events).containsExactly("start squares 100", "done");
    assertThat(r.advanced.get()).isLessThan(100);
  }

  @Test
  void noListenerIsTheRunnerItself() {
    WorkRunner t = WorkRunner.threads(1);
    assertThat(t.withProgress(ProgressListener.NONE)).isSameAs(t);
    assertThat(t.withProgress(null)).isSameAs(t);
    Recorder a = new Recorder();
    Recorder b = new Recorder();
    t.withProgress(a).withProgress(b).run(new Squares(), 5);
    assertThat(a.events).isEmpty();
    assertThat(b.advanced.get()).isEqualTo(5);
  }
}
