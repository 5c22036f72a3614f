package io.sumbin.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sumbin.pyhf.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18 (items 3 and 6): the defects that held-out testing found in toy files and options —
 * merging toys of different ensembles, empty shards, the observed-data line counted as a toy,
 * options that do nothing, conflicting {@code --fix} values, a misleading parameter message.
 */
class HeldOutDefectsCliTest {
  @TempDir Path dir;

  static JsonNode json(Cli.Run r) {
    assertThat(r.exitCode()).as(r.err()).isZero();
    return Json.parse(r.out(), "stdout");
  }

  static void badInput(Cli.Run r, String... words) {
    assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(2);
    assertThat(r.errLines()).as(r.err()).isEqualTo(1);
    assertThat(r.err()).contains(words);
  }

  String ws() {
    return Shared.workspace("val_1bin_shapesys").toString();
  }

  String toys(String name, String... more) {
    Path out = dir.resolve(name);
    String[] base = {"toys", ws(), "--ntoys", "6", "--threads", "1", "--out", out.toString(), "--json"};
    String[] args = java.util.Arrays.copyOf(base, base.length + more.length);
    System.arraycopy(more, 0, args, base.length, more.length);
    json(Cli.run(args));
    return out.toString();
  }

  @Test
  void mergeRefusesToysOfAnotherPoiValueSeedStatisticOrFixNamingBothFilesAndTheField() {
    String a1 = toys("a1.jsonl", "--poi-value", "1", "--seed", "7", "--shard", "1/2");
    String a2 = toys("a2.jsonl", "--poi-value", "1", "--seed", "7", "--shard", "2/2");
    String p2 = toys("p2.jsonl", "--poi-value", "2", "--seed", "7", "--shard", "2/2");
    String s8 = toys("s8.jsonl", "--poi-value", "1", "--seed", "8", "--shard", "2/2");
    String q = toys("q.jsonl", "--poi-value", "1", "--seed", "7", "--shard", "2/2", "--test-stat", "q");
    String fx = toys("fx.jsonl", "--poi-value", "1", "--seed", "7", "--shard", "2/2", "--fix", "uncorr_bkguncrt=1");
    Path m = dir.resolve("m.jsonl");
    badInput(Cli.run("merge", a1, p2, "--out", m.toString()), a1, p2, "poi_value (1 and 2)");
    badInput(Cli.run("merge", a1, s8, "--out", m.toString()), a1, s8, "seed (7 and 8)");
    badInput(Cli.run("merge", a1, q, "--out", m.toString()), a1, q, "test statistic (qtilde and q)");
    badInput(Cli.run("merge", a1, fx, "--out", m.toString()), a1, fx, "settings");
    assertThat(m).as("nothing written").doesNotExist();
    JsonNode ok = json(Cli.run("merge", a1, a2, "--out", m.toString(), "--json"));
    assertThat(ok.get("lines_written").asInt()).as("one obs line + 6 s+b + 6 b toys").isEqualTo(13);
  }

  @Test
  void anEmptyShardIsAnEmptyMergeableFile() throws IOException {
    Path e = dir.resolve("e.jsonl");
    Cli.Run r = Cli.run("toys", ws(), "--poi-value", "1", "--ntoys", "3", "--shard", "5/8", "--out", e.toString(), "--json");
    JsonNode j = json(r);
    assertThat(j.get("new_toys").asInt()).isZero();
    assertThat(j.get("message").asText()).contains("holds no toy index");
    assertThat(Files.readAllLines(e)).as("only the observed-data line").hasSize(1);
    String s1 = dir.resolve("s1.jsonl").toString();
    json(Cli.run("toys", ws(), "--poi-value", "1", "--ntoys", "3", "--shard", "1/8", "--out", s1, "--json"));
    JsonNode m = json(Cli.run("merge", s1, e.toString(), "--out", dir.resolve("m.jsonl").toString(), "--json"));
    assertThat(m.get("lines_written").asInt()).isEqualTo(3);
  }

  @Test
  void aResumedFileDoesNotCountTheObservedDataLineAsAToy() {
    String f = toys("r.jsonl", "--poi-value", "1", "--seed", "3");
    JsonNode again = json(Cli.run("toys", ws(), "--ntoys", "6", "--threads", "1", "--out", f, "--poi-value", "1", "--seed", "3",
        "--json"));
    assertThat(again.get("resumed_toys").asInt()).as("6 s+b + 6 b toys, not the obs line").isEqualTo(12);
    assertThat(again.get("new_toys").asInt()).isZero();
  }

  @Test
  void toyOptionsWithTheAsymptoticCalculatorAreAWarningAndRefusedUnderStrict() {
    Cli.Run r = Cli.run("hypotest", ws(), "--poi-value", "1", "--ntoys", "100", "--seed", "5", "--json");
    JsonNode j = json(r);
    assertThat(j.get("cls_obs").isNumber()).isTrue();
    assertThat(r.err().strip()).startsWith("warning: --ntoys, --seed have no effect with the asymptotic calculator");
    badInput(Cli.run("hypotest", ws(), "--poi-value", "1", "--seed", "5", "--strict"), "--seed has no effect", "--strict");
  }

  @Test
  void twoDifferentFixValuesForOneParameterAreRefused() {
    badInput(Cli.run("fit", ws(), "--fix", "uncorr_bkguncrt=1", "--fix", "uncorr_bkguncrt=1.2"),
        "--fix uncorr_bkguncrt=1.2", "also fixed by --fix uncorr_bkguncrt=1");
    assertThat(Cli.run("fit", ws(), "--fix", "uncorr_bkguncrt=1", "--fix", "uncorr_bkguncrt=1").exitCode())
        .as("the same value twice is harmless").isZero();
  }

  @Test
  void aPoiThatIsAComponentOfABinWiseParameterIsNamedAsSuch() {
    String two = Shared.workspace("val_2bin_shapesys").toString();
    Cli.Run r = Cli.run("fit", two, "--poi", "uncorr_bkguncrt[0]");
    badInput(r, "'uncorr_bkguncrt[0]' is one component of a bin-wise parameter", "one-component parameters: mu");
    assertThat(r.err()).doesNotContain("no parameter 'uncorr_bkguncrt[0]'");
  }
}
