package io.sumbin.histmodel.infer.toys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    assertEquals(2 * NTOYS, one.size());
    assertEquals(one, two);
    assertEquals(one, five);
    List<ToyResult> shards = new ArrayList<>();
    for (int k = 1; k <= 3; k++) {
      List<List<ToyResult>> r = ToyRunner.run(both, s.withShard(new Shard(k, 3)));
      for (List<ToyResult> l : r) {
        for (ToyResult t : l) {
          assertEquals(k - 1, t.index() % 3, "shard " + k + "/3 holds index " + t.index());
        }
        shards.addAll(l);
      }
    }
    assertEquals(one, ToyJournal.merge(shards));
    // two-start fits: the same minima on this convex model, deterministic across threads too
    List<ToyResult> robust1 = all(ToyRunner.run(both, s.withThreads(1).withRobustFits(true)));
    assertEquals(robust1, all(ToyRunner.run(both, s.withThreads(2).withRobustFits(true))));
    for (int i = 0; i < one.size(); i++) {
      assertEquals(one.get(i).t(), robust1.get(i).t(), 1e-6, "toy " + one.get(i).key());
    }
    // distinct toys really differ (the statistic is not constant)
    assertTrue(one.stream().mapToDouble(ToyResult::t).distinct().count() > NTOYS);
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
    assertEquals(200, ToyJournal.read(f).size());
    Set<ToyResult.Key> done = new HashSet<>();
    ToyJournal.read(f).forEach(r -> done.add(r.key()));
    List<List<ToyResult>> fresh;
    try (ToyJournal j = ToyJournal.append(f)) {
      fresh = ToyRunner.run(both, s, done, j);
    }
    assertEquals(2 * (NTOYS - 100), fresh.get(0).size() + fresh.get(1).size());
    List<ToyResult> resumed = ToyJournal.read(f);
    assertEquals(2 * NTOYS, resumed.size());
    assertEquals(all(ToyRunner.run(both, s)), ToyJournal.merge(resumed));
  }

  @Test
  void toyLinesRoundTripAndBadLinesAreLocated(@TempDir Path dir) throws IOException {
    ToyResult r = new ToyResult("sb", 17, -3, TestStatistic.QTILDE, 1.5, 1.5, 0.123456789012345, -0.25, false,
        1e-300, Double.NaN);
    String line = ToyJournal.line(r);
    assertTrue(line.contains("\"twice_nll_cond\":null"), line);
    ToyResult back = ToyJournal.parse(line);
    assertEquals(r, back);
    Path f = dir.resolve("bad.jsonl");
    Files.writeString(f, line + "\n{\"hypothesis\":\"b\",\"index\":\"x\"}\n" + line + "\n");
    IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> ToyJournal.read(f));
    assertTrue(ex.getMessage().startsWith(f + ":2: "), ex.getMessage());
    ToyResult other = new ToyResult("sb", 17, -3, TestStatistic.QTILDE, 1.5, 1.5, 0.5, -0.25, true, 1, 2);
    assertThrows(IllegalArgumentException.class, () -> ToyJournal.merge(List.of(r, other)));
    ToyResult otherSeed = new ToyResult("sb", 18, 4, TestStatistic.QTILDE, 1.5, 1.5, 0.5, -0.25, true, 1, 2);
    assertThrows(IllegalArgumentException.class, () -> ToyJournal.merge(List.of(r, otherSeed)));
    assertEquals(1, ToyJournal.merge(List.of(r, back)).size());
  }
}
