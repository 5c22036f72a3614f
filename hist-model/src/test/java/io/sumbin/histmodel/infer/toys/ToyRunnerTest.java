package io.sumbin.histmodel.infer.toys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.sumbin.histmodel.compile.CompiledModel;
import io.sumbin.histmodel.compile.Models;
import io.sumbin.histmodel.fit.FitOptions;
import io.sumbin.histmodel.infer.TestStatistic;
import io.sumbin.histmodel.spec.ExampleModels;
import io.sumbin.histmodel.spec.Workspace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reproducibility of toy runs (threads, shards, interruption and resume) and the toy file format,
 * on the house example (two bins, shapesys).
 */
class ToyRunnerTest {
  static final int NTOYS = 300;

  static ToyCalculator calculator(ToySettings s) {
    Workspace ws = ExampleModels.uncorrelatedBackground();
    CompiledModel m = Models.compile(ws, null);
    return new ToyCalculator(m, Models.observedData(ws, m), FitOptions.suggested(m), TestStatistic.QTILDE, s);
  }

  static List<ToyResult> all(List<List<ToyResult>> r) {
    List<ToyResult> l = new ArrayList<>();
    r.forEach(l::addAll);
    return ToyJournal.merge(l);
  }

  @Test
  void sameNumbersOnAnyNumberOfThreadsAndShards() {
    ToySettings s = ToySettings.of(NTOYS).withSeed(17);
    ToyCalculator c = calculator(s);
    ToyCalculator.Ensembles e = c.ensembles(1.0);
    List<ToyEnsemble> both = List.of(e.sb(), e.b());
    List<ToyResult> one = all(ToyRunner.run(both, s.withThreads(1)));
    List<ToyResult> two = all(ToyRunner.run(both, s.withThreads(2)));
    List<ToyResult> five = all(ToyRunner.run(both, s.withThreads(5)));
    assertThat(one.size()).as("one.size()").isEqualTo(2 * NTOYS);
    assertThat(two).as("two").isEqualTo(one);
    assertThat(five).as("five").isEqualTo(one);
    List<ToyResult> shards = new ArrayList<>();
    for (int k = 1; k <= 3; k++) {
      List<List<ToyResult>> r = ToyRunner.run(both, s.withShard(new Shard(k, 3)));
      for (List<ToyResult> l : r) {
        for (ToyResult t : l) {
          assertThat(t.index() % 3).as("shard " + k + "/3 holds index " + t.index()).isEqualTo(k - 1);
        }
        shards.addAll(l);
      }
    }
    assertThat(ToyJournal.merge(shards)).as("ToyJournal.merge(shards)").isEqualTo(one);
    // two-start fits: the same minima on this convex model, deterministic across threads too
    List<ToyResult> robust1 = all(ToyRunner.run(both, s.withThreads(1).withRobustFits(true)));
    assertThat(all(ToyRunner.run(both, s.withThreads(2).withRobustFits(true))))
        .as("all(ToyRunner.run(both, s.withThreads(2).withRobustFits(true)))")
        .isEqualTo(robust1);
    for (int i = 0; i < one.size(); i++) {
      assertThat(robust1.get(i).t()).as("toy " + one.get(i).key()).isCloseTo(one.get(i).t(), within(1e-6));
    }
    // distinct toys really differ (the statistic is not constant)
    assertThat(one.stream().mapToDouble(ToyResult::t).distinct().count())
        .as("one.stream().mapToDouble(ToyResult::t).distinct().count() > NTOYS")
        .isGreaterThan(NTOYS);
  }

  @Test
  void interruptedRunResumesToTheSameFile(@TempDir Path dir) throws IOException {
    ToySettings s = ToySettings.of(NTOYS).withSeed(5).withThreads(2);
    ToyCalculator c = calculator(s);
    ToyCalculator.Ensembles e = c.ensembles(1.0);
    List<ToyEnsemble> both = List.of(e.sb(), e.b());
    Path f = dir.resolve("toys.jsonl");
    // a "crash" after the first 100 toys of each hypothesis, mid-way through writing a line
    try (ToyJournal j = ToyJournal.append(f)) {
      ToyRunner.run(both, s.withNtoys(100), Set.of(), j);
    }
    Files.writeString(f, "{\"hypothesis\":\"sb\",\"index\":1", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    assertThat(ToyJournal.read(f).size()).as("ToyJournal.read(f).size()").isEqualTo(200);
    Set<ToyResult.Key> done = new HashSet<>();
    ToyJournal.read(f).forEach(r -> done.add(r.key()));
    List<List<ToyResult>> fresh;
    try (ToyJournal j = ToyJournal.append(f)) {
      fresh = ToyRunner.run(both, s, done, j);
    }
    assertThat(fresh.get(0).size() + fresh.get(1).size())
        .as("fresh.get(0).size() + fresh.get(1).size()")
        .isEqualTo(2 * (NTOYS - 100));
    List<ToyResult> resumed = ToyJournal.read(f);
    assertThat(resumed.size()).as("resumed.size()").isEqualTo(2 * NTOYS);
    assertThat(ToyJournal.merge(resumed)).as("ToyJournal.merge(resumed)").isEqualTo(all(ToyRunner.run(both, s)));
  }

  @Test
  void toyLinesRoundTripAndBadLinesAreLocated(@TempDir Path dir) throws IOException {
    ToyResult r = new ToyResult("sb", 17, -3, TestStatistic.QTILDE, 1.5, 1.5, 0.123456789012345, -0.25, false,
        1e-300, Double.NaN);
    String line = ToyJournal.line(r);
    assertThat(line).as(line).contains("\"twice_nll_cond\":null");
    ToyResult back = ToyJournal.parse(line);
    assertThat(back).as("back").isEqualTo(r);
    Path f = dir.resolve("bad.jsonl");
    Files.writeString(f, line + "\n{\"hypothesis\":\"b\",\"index\":\"x\"}\n" + line + "\n");
    io.sumbin.histmodel.BadInputException ex = assertThatExceptionOfType(io.sumbin.histmodel.BadInputException.class)
        .isThrownBy(() -> ToyJournal.read(f))
        .actual();
    assertThat(ex.getMessage()).as(ex.getMessage()).startsWith(f + ":2: ");
    ToyResult other = new ToyResult("sb", 17, -3, TestStatistic.QTILDE, 1.5, 1.5, 0.5, -0.25, true, 1, 2);
    assertThatThrownBy(() -> ToyJournal.merge(List.of(r, other))).isInstanceOf(io.sumbin.histmodel.BadInputException.class);
    ToyResult otherSeed = new ToyResult("sb", 18, 4, TestStatistic.QTILDE, 1.5, 1.5, 0.5, -0.25, true, 1, 2);
    assertThatThrownBy(() -> ToyJournal.merge(List.of(r, otherSeed))).isInstanceOf(io.sumbin.histmodel.BadInputException.class);
    assertThat(ToyJournal.merge(List.of(r, back)).size()).as("ToyJournal.merge(List.of(r, back)).size()").isEqualTo(1);
  }
}
