package io.sumbin.tests;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14, items 1 and 3: every parallel command gives today's numbers on the default engine (the
 * records were written before the work-runner refactoring, see {@link EngineCases}) and the same
 * numbers on Spark in local mode, with one and with two task threads: toy files byte for byte after
 * sorting, belts, coverage, families, patch sets and studies number for number.
 */
class EngineGoldenTest {
  @TempDir
  Path dir;

  @Test
  void theThreadsEngineGivesTheRecordedOutputsBitForBit() {
    for (EngineCases.Case c : EngineCases.all(dir)) {
      EngineCases.runAndCompare(c, dir.resolve("threads"), "--threads", "2");
    }
  }

  @Test
  void sparkOnTwoLocalThreadsGivesTheRecordedOutputs() {
    for (EngineCases.Case c : EngineCases.all(dir)) {
      EngineCases.runAndCompare(c, dir.resolve("local2"), "--engine", "spark", "--master", "local[2]");
    }
  }

  @Test
  void sparkOnOneLocalThreadGivesTheRecordedOutputs() {
    for (String name : new String[] {"toys-shapesys", "belt", "family-scan", "patchset-cls"}) {
      EngineCases.runAndCompare(EngineCases.named(dir, name), dir.resolve("local1"), "--engine", "spark", "--master", "local[1]");
    }
  }
}
