package io.sumbin.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

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
    assertThat(r.exitCode()).as(r.err()).isEqualTo(0);
    return Json.parse(r.out(), "stdout");
  }

  static void badInput(Cli.Run r, String expect) {
    assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(2);
    assertThat(r.errLines()).as(r.err()).isEqualTo(1);
    assertThat(r.err()).as(r.err()).contains(expect);
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
      assertThat(j.get(k).isNumber()).as(k).isTrue();
    }
    assertThat(j.get("cls_exp").size()).as("j.get(\"cls_exp\").size()").isEqualTo(5);
    assertThat(j.get("cls_obs").asDouble())
        .as("j.get(\"cls_obs\").asDouble()")
        .isCloseTo(j.get("clsb").asDouble() / j.get("clb").asDouble(), within(1e-15));
    assertThat(j.get("converged").asBoolean()).as("j.get(\"converged\").asBoolean()").isTrue();
    assertThat(Files.isRegularFile(png)).as("Files.isRegularFile(png)").isTrue();
    // the same seed gives the same numbers with one thread
    JsonNode one = json(Cli.run("hypotest", ws("val_1bin_shapesys"), "--poi-value", "1", "--calc", "toys", "--ntoys", "500",
        "--seed", "3", "--threads", "1", "--json"));
    assertThat(one.get("cls_obs").asDouble())
        .as("one.get(\"cls_obs\").asDouble()")
        .isCloseTo(j.get("cls_obs").asDouble(), within(0.0));
    assertThat(one.get("cls_exp")).as("one.get(\"cls_exp\")").isEqualTo(j.get("cls_exp"));
  }

  @Test
  void shardsMergeAndResumeGiveTheUnshardedResult() throws IOException {
    String w = ws("docs_2bin_1channel");
    Path full = dir.resolve("full.jsonl");
    JsonNode f = json(Cli.run("toys", w, "--poi-value", "1", "--ntoys", "200", "--seed", "9", "--out", full.toString(), "--json"));
    assertThat(f.get("sb_toys").asInt()).as("f.get(\"sb_toys\").asInt()").isEqualTo(200);
    assertThat(f.get("new_toys").asInt()).as("f.get(\"new_toys\").asInt()").isEqualTo(400);
    assertThat(Files.readAllLines(full).size()).as("Files.readAllLines(full).size()").isEqualTo(401); // obs + 2 × 200
    Path a = dir.resolve("a.jsonl");
    Path b = dir.resolve("b.jsonl");
    json(Cli.run("toys", w, "--poi-value", "1", "--ntoys", "200", "--seed", "9", "--shard", "1/2", "--out", a.toString(), "--json"));
    JsonNode sb = json(Cli.run("toys", w, "--poi-value", "1", "--ntoys", "200", "--seed", "9", "--shard", "2/2", "--out", b.toString(), "--json"));
    assertThat(sb.get("sb_toys").asInt()).as("sb.get(\"sb_toys\").asInt()").isEqualTo(100);
    Path merged = dir.resolve("merged.jsonl");
    JsonNode m = json(Cli.run("merge", a.toString(), b.toString(), "--out", merged.toString(), "--json"));
    assertThat(m.get("lines_written").asInt()).as("m.get(\"lines_written\").asInt()").isEqualTo(401);
    for (String k : List.of("cls_obs", "clsb", "clb")) {
      assertThat(m.get(k).asDouble()).as(k).isCloseTo(f.get(k).asDouble(), within(0.0));
    }
    assertThat(m.get("cls_exp")).as("m.get(\"cls_exp\")").isEqualTo(f.get("cls_exp"));
    // interrupted run: 50 toys, then a torn last line, then the full command resumes
    Path r = dir.resolve("resume.jsonl");
    json(Cli.run("toys", w, "--poi-value", "1", "--ntoys", "50", "--seed", "9", "--out", r.toString(), "--json"));
    Files.writeString(r, "{\"hypothesis\":\"b\",\"ind", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    JsonNode res = json(Cli.run("toys", w, "--poi-value", "1", "--ntoys", "200", "--seed", "9", "--out", r.toString(), "--json"));
    assertThat(res.get("resumed_toys").asInt()).as("50 s+b and 50 b toys; the observed-data line is not a toy").isEqualTo(100);
    assertThat(res.get("new_toys").asInt()).as("res.get(\"new_toys\").asInt()").isEqualTo(300);
    assertThat(res.get("cls_obs").asDouble())
        .as("res.get(\"cls_obs\").asDouble()")
        .isCloseTo(f.get("cls_obs").asDouble(), within(0.0));
    Path sorted = dir.resolve("sorted.jsonl");
    json(Cli.run("merge", r.toString(), "--out", sorted.toString(), "--json"));
    assertThat(Files.readAllLines(sorted)).as("the same toys, line for line").isEqualTo(Files.readAllLines(merged));
  }

  @Test
  void feldmanCousinsBeltOfACountingExperiment() throws IOException {
    // b = 3, n = 4, 90% CL: FC Table IV gives [0.00, 5.60]; on a 0.05 grid the last accepted point is 5.55
    Path png = dir.resolve("belt.png");
    JsonNode j = json(Cli.run("belt", counting(4).toString(), "--range", "0:8:161", "--cl", "0.9", "--exact",
        "--plot", png.toString(), "--json"));
    assertThat(j.get("values").size()).as("j.get(\"values\").size()").isEqualTo(161);
    assertThat(j.get("critical_values").size()).as("j.get(\"critical_values\").size()").isEqualTo(161);
    assertThat(j.get("t_obs").size()).as("j.get(\"t_obs\").size()").isEqualTo(161);
    assertThat(Shared.nums(j.get("interval")))
        .as("Shared.nums(j.get(\"interval\"))")
        .containsExactly(new double[] {0.0, 5.55}, within(1e-9));
    assertThat(j.get("intervals").size()).as("j.get(\"intervals\").size()").isEqualTo(1);
    assertThat(j.get("test_stat").asText()).as("j.get(\"test_stat\").asText()").isEqualTo("ttilde");
    assertThat(j.get("source").asText()).as("j.get(\"source\").asText()").isEqualTo("exact");
    assertThat(Files.isRegularFile(png)).as("Files.isRegularFile(png)").isTrue();
    // toys on a model with nuisance parameters
    JsonNode t = json(Cli.run("belt", ws("val_1bin_shapesys"), "--range", "0:3:7", "--ntoys", "200", "--seed", "2", "--json"));
    assertThat(t.get("cl").asDouble()).as("t.get(\"cl\").asDouble()").isCloseTo(0.68, within(0.0));
    assertThat(t.get("ntoys").get(0).asInt()).as("t.get(\"ntoys\").get(0).asInt()").isEqualTo(200);
    double[] iv = Shared.nums(t.get("interval"));
    assertThat(iv[0]).as("non-empty interval " + t.get("interval")).isLessThanOrEqualTo(iv[1]);
  }

  @Test
  void coverageAndBench() {
    JsonNode c = json(Cli.run("coverage", ws("val_1bin_shapesys"), "--poi-value", "1", "--ntoys", "40", "--inner-toys", "50",
        "--json"));
    int n = c.get("n").asInt();
    assertThat(n).as("n").isEqualTo(40);
    double f = c.get("covered_fraction").asDouble();
    assertThat(f).as("f").isCloseTo(c.get("covered").asInt() / (double) n, within(1e-15));
    assertThat(c.get("uncertainty").asDouble())
        .as("c.get(\"uncertainty\").asDouble()")
        .isCloseTo(Math.sqrt(f * (1 - f) / n), within(1e-15));
    JsonNode b = json(Cli.run("bench", "toys", ws("val_1bin_shapesys"), "--ntoys", "100", "--warmup-seconds", "0", "--json"));
    assertThat(b.get("toys_per_second").asDouble()).as("b.get(\"toys_per_second\").asDouble() > 0").isGreaterThan(0);
    assertThat(b.get("pseudo_experiments").asInt()).as("b.get(\"pseudo_experiments\").asInt()").isEqualTo(200);
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
    badInput(Cli.run("merge", out.toString(), other.toString(), "--out", dir.resolve("m.jsonl").toString()), "differ in the seed (1 and 2)");
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
