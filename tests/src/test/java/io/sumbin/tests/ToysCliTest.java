package io.sumbin.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sumbin.pyhf.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The toy commands (issue 3 item 9): {@code hypotest --calc toys}, {@code toys} (shards, resume),
 * {@code merge}, {@code belt}, {@code coverage}, {@code bench toys}: JSON contracts, reproducibility
 * across shards and interruptions, plots, and one-line errors with exit code 2 on bad input.
 */
class ToysCliTest {
  @TempDir Path dir;

  static String ws(String name) {
    return Shared.workspace(name).toString();
  }

  static JsonNode json(Cli.Run r) {
    assertEquals(0, r.exitCode(), r.err());
    return Json.parse(r.out(), "stdout");
  }

  static void badInput(Cli.Run r, String expect) {
    assertEquals(2, r.exitCode(), r.out() + r.err());
    assertEquals(1, r.errLines(), r.err());
    assertTrue(r.err().contains(expect), r.err());
  }

  /** A one-bin counting workspace: signal 1·mu, known background 3, n observed (no constraints). */
  Path counting(int n) throws IOException {
    String s = """
        {"channels":[{"name":"c","samples":[
          {"name":"signal","data":[1.0],"modifiers":[{"name":"mu","type":"normfactor","data":null}]},
          {"name":"background","data":[3.0],"modifiers":[]}]}],
         "observations":[{"name":"c","data":[%d]}],
         "measurements":[{"name":"m","config":{"poi":"mu","parameters":[{"name":"mu","bounds":[[0,100]]}]}}],
         "version":"1.0.0"}""".formatted(n);
    Path p = dir.resolve("counting" + n + ".json");
    Files.writeString(p, s);
    return p;
  }

  @Test
  void hypotestWithToys() {
    Path png = dir.resolve("toys.png");
    JsonNode j = json(Cli.run("hypotest", ws("val_1bin_shapesys"), "--poi-value", "1", "--calc", "toys", "--ntoys", "500",
        "--seed", "3", "--threads", "2", "--plot", png.toString(), "--json"));
    for (String k : List.of("cls_obs", "clsb", "clb")) {
      assertTrue(j.get(k).isNumber(), k);
    }
    assertEquals(5, j.get("cls_exp").size());
    assertEquals(j.get("clsb").asDouble() / j.get("clb").asDouble(), j.get("cls_obs").asDouble(), 1e-15);
    assertTrue(j.get("converged").asBoolean());
    assertTrue(Files.isRegularFile(png));
    // the same seed gives the same numbers with one thread
    JsonNode one = json(Cli.run("hypotest", ws("val_1bin_shapesys"), "--poi-value", "1", "--calc", "toys", "--ntoys", "500",
        "--seed", "3", "--threads", "1", "--json"));
    assertEquals(j.get("cls_obs").asDouble(), one.get("cls_obs").asDouble(), 0.0);
    assertEquals(j.get("cls_exp"), one.get("cls_exp"));
  }

  @Test
  void shardsMergeAndResumeGiveTheUnshardedResult() throws IOException {
    String w = ws("docs_2bin_1channel");
    Path full = dir.resolve("full.jsonl");
    JsonNode f = json(Cli.run("toys", w, "--poi-value", "1", "--ntoys", "200", "--seed", "9", "--out", full.toString(), "--json"));
    assertEquals(200, f.get("sb_toys").asInt());
    assertEquals(400, f.get("new_toys").asInt());
    assertEquals(401, Files.readAllLines(full).size()); // obs + 2 × 200
    Path a = dir.resolve("a.jsonl");
    Path b = dir.resolve("b.jsonl");
    json(Cli.run("toys", w, "--poi-value", "1", "--ntoys", "200", "--seed", "9", "--shard", "1/2", "--out", a.toString(), "--json"));
    JsonNode sb = json(Cli.run("toys", w, "--poi-value", "1", "--ntoys", "200", "--seed", "9", "--shard", "2/2", "--out", b.toString(), "--json"));
    assertEquals(100, sb.get("sb_toys").asInt());
    Path merged = dir.resolve("merged.jsonl");
    JsonNode m = json(Cli.run("merge", a.toString(), b.toString(), "--out", merged.toString(), "--json"));
    assertEquals(401, m.get("lines_written").asInt());
    for (String k : List.of("cls_obs", "clsb", "clb")) {
      assertEquals(f.get(k).asDouble(), m.get(k).asDouble(), 0.0, k);
    }
    assertEquals(f.get("cls_exp"), m.get("cls_exp"));
    // interrupted run: 50 toys, then a torn last line, then the full command resumes
    Path r = dir.resolve("resume.jsonl");
    json(Cli.run("toys", w, "--poi-value", "1", "--ntoys", "50", "--seed", "9", "--out", r.toString(), "--json"));
    Files.writeString(r, "{\"hypothesis\":\"b\",\"ind", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    JsonNode res = json(Cli.run("toys", w, "--poi-value", "1", "--ntoys", "200", "--seed", "9", "--out", r.toString(), "--json"));
    assertEquals(101, res.get("resumed_toys").asInt());
    assertEquals(300, res.get("new_toys").asInt());
    assertEquals(f.get("cls_obs").asDouble(), res.get("cls_obs").asDouble(), 0.0);
    Path sorted = dir.resolve("sorted.jsonl");
    json(Cli.run("merge", r.toString(), "--out", sorted.toString(), "--json"));
    assertEquals(Files.readAllLines(merged), Files.readAllLines(sorted), "the same toys, line for line");
  }

  @Test
  void feldmanCousinsBeltOfACountingExperiment() throws IOException {
    // b = 3, n = 4, 90% CL: FC Table IV gives [0.00, 5.60]; on a 0.05 grid the last accepted point is 5.55
    Path png = dir.resolve("belt.png");
    JsonNode j = json(Cli.run("belt", counting(4).toString(), "--range", "0:8:161", "--cl", "0.9", "--exact",
        "--plot", png.toString(), "--json"));
    assertEquals(161, j.get("values").size());
    assertEquals(161, j.get("critical_values").size());
    assertEquals(161, j.get("t_obs").size());
    assertArrayEquals(new double[] {0.0, 5.55}, Shared.nums(j.get("interval")), 1e-9);
    assertEquals(1, j.get("intervals").size());
    assertEquals("ttilde", j.get("test_stat").asText());
    assertEquals("exact", j.get("source").asText());
    assertTrue(Files.isRegularFile(png));
    // toys on a model with nuisance parameters
    JsonNode t = json(Cli.run("belt", ws("val_1bin_shapesys"), "--range", "0:3:7", "--ntoys", "200", "--seed", "2", "--json"));
    assertEquals(0.68, t.get("cl").asDouble(), 0.0);
    assertEquals(200, t.get("ntoys").get(0).asInt());
    double[] iv = Shared.nums(t.get("interval"));
    assertTrue(iv[0] <= iv[1], "non-empty interval " + t.get("interval"));
  }

  @Test
  void coverageAndBench() {
    JsonNode c = json(Cli.run("coverage", ws("val_1bin_shapesys"), "--poi-value", "1", "--ntoys", "40", "--inner-toys", "50",
        "--json"));
    int n = c.get("n").asInt();
    assertEquals(40, n);
    double f = c.get("covered_fraction").asDouble();
    assertEquals(c.get("covered").asInt() / (double) n, f, 1e-15);
    assertEquals(Math.sqrt(f * (1 - f) / n), c.get("uncertainty").asDouble(), 1e-15);
    JsonNode b = json(Cli.run("bench", "toys", ws("val_1bin_shapesys"), "--ntoys", "100", "--warmup-seconds", "0", "--json"));
    assertTrue(b.get("toys_per_second").asDouble() > 0);
    assertEquals(200, b.get("pseudo_experiments").asInt());
  }

  @Test
  void badInputIsOneLineWithExitCodeTwo() throws IOException {
    String w = ws("val_1bin_shapesys");
    Path out = dir.resolve("t.jsonl");
    badInput(Cli.run("toys", w, "--poi-value", "1", "--ntoys", "10", "--shard", "3/2", "--out", out.toString()), "--shard");
    badInput(Cli.run("toys", w, "--poi-value", "1", "--ntoys", "0", "--out", out.toString()), "--ntoys");
    badInput(Cli.run("toys", w, "--ntoys", "10", "--out", out.toString()), "--poi-value");
    json(Cli.run("toys", w, "--poi-value", "1", "--ntoys", "10", "--seed", "1", "--out", out.toString(), "--json"));
    badInput(Cli.run("toys", w, "--poi-value", "1", "--ntoys", "10", "--seed", "2", "--out", out.toString()), "seed 1");
    Path other = dir.resolve("u.jsonl");
    json(Cli.run("toys", w, "--poi-value", "1", "--ntoys", "10", "--seed", "2", "--out", other.toString(), "--json"));
    badInput(Cli.run("merge", out.toString(), other.toString(), "--out", dir.resolve("m.jsonl").toString()), "different seeds");
    badInput(Cli.run("merge", dir.resolve("missing.jsonl").toString(), "--out", dir.resolve("m.jsonl").toString()), "no such toy file");
    Path broken = dir.resolve("broken.jsonl");
    Files.writeString(broken, "{\"hypothesis\":\"sb\"}\n{}\n");
    badInput(Cli.run("merge", broken.toString(), "--out", dir.resolve("m.jsonl").toString()), broken + ":1:");
    badInput(Cli.run("belt", w, "--range", "0:3:4", "--exact"), "constrained parameters are free: uncorr_bkguncrt");
    badInput(Cli.run("belt", w, "--range", "0:3:4", "--test-stat", "q0"), "q0");
    badInput(Cli.run("belt", w, "--range", "-1:3:4"), "bounds");
    badInput(Cli.run("belt", w, "--range", "0:3"), "LO:HI:N");
    badInput(Cli.run("coverage", w, "--poi-value", "50", "--ntoys", "5"), "outside the bounds");
    badInput(Cli.run("hypotest", w, "--poi-value", "1", "--calc", "toys", "--ntoys", "10", "--threads", "0"), "--threads");
  }
}
