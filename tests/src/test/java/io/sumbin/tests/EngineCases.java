package io.sumbin.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sumbin.pyhf.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The runs of every parallel command whose outputs were recorded with the jar of commit 64f5fcf, before
 * the work-runner refactoring ({@code resources/engine/golden}, written by
 * {@code resources/engine/generate-golden.sh}), and how an output is compared with its record: toy files
 * byte for byte after sorting their lines (lines are written as units finish), JSON numbers exactly,
 * after removing what measures time or names where the run happened.
 */
final class EngineCases {
  private EngineCases() {}

  static final Path ENGINE = Path.of("src/test/resources/engine").toAbsolutePath();
  static final Path GOLDEN = ENGINE.resolve("golden");
  static final Path PUBLISHED = Path.of("src/test/resources/published").toAbsolutePath();
  /** Fields that measure wall time or say where a run happened (never results). */
  static final Set<String> NOT_RESULTS = Set.of("seconds", "wall_seconds", "cells_per_second", "load_seconds", "started", "threads",
      "engine", "check", "file", "out", "files", "run");

  /**
   * One recorded run.
   *
   * @param name the golden file's stem
   * @param args the command line; {@code $OUT} stands for the case's output file or directory
   * @param output what is compared: "stdout" (JSON), "jsonl" (the toy file $OUT), "study" ($OUT/study.json)
   */
  record Case(String name, List<String> args, String output) {
    /** The command line with $OUT replaced and the engine options appended. */
    String[] argv(Path out, String... engine) {
      List<String> a = new ArrayList<>();
      for (String s : args) {
        a.add(s.replace("$OUT", out.toString()));
      }
      a.addAll(List.of(engine));
      return a.toArray(new String[0]);
    }
  }

  static String ws(String name) {
    return Shared.workspace(name).toAbsolutePath().toString();
  }

  /** The cases, with the family they need written into {@code dir} (by {@code sumbin example family}). */
  static List<Case> all(Path dir) {
    Path fam = dir.resolve("fam");
    if (!Files.exists(fam.resolve("family.json"))) {
      Cli.Run r = Cli.run("example", "family", "--out", fam.toString(), "--points", "11", "--json");
      assertThat(r.exitCode()).as(r.err()).isZero();
    }
    String family = fam.resolve("family.json").toString();
    return List.of(
        new Case("toys-synthetic", List.of("toys", ws("synthetic_5ch_8bin_allmods"), "--poi-value", "1", "--ntoys", "12", "--seed", "11",
            "--out", "$OUT", "--json"), "jsonl"),
        new Case("toys-shapesys", List.of("toys", ws("val_1bin_shapesys"), "--poi-value", "1", "--ntoys", "150", "--seed", "5",
            "--out", "$OUT", "--json"), "jsonl"),
        new Case("hypotest-toys", List.of("hypotest", ws("val_2bin_histosys_example2"), "--poi-value", "1", "--calc", "toys",
            "--ntoys", "150", "--seed", "3", "--json"), "stdout"),
        new Case("belt", List.of("belt", ws("val_1bin_shapesys"), "--range", "0:3:7", "--ntoys", "100", "--seed", "2", "--json"), "stdout"),
        new Case("belt-exact", List.of("belt", ENGINE.resolve("counting4.json").toString(), "--range", "0:8:17", "--cl", "0.9",
            "--exact", "--json"), "stdout"),
        new Case("coverage", List.of("coverage", ws("val_1bin_shapesys"), "--poi-value", "1", "--ntoys", "16", "--inner-toys", "40",
            "--seed", "4", "--json"), "stdout"),
        new Case("family-scan", List.of("family", "scan", family, "--json"), "stdout"),
        new Case("family-limits", List.of("family", "limits", family, "--json"), "stdout"),
        new Case("family-belt", List.of("family", "belt", family, "--ntoys", "40", "--seed", "3", "--json"), "stdout"),
        new Case("patchset-cls", List.of("patchset", "cls", PUBLISHED.resolve("BkgOnly.json").toString(),
            PUBLISHED.resolve("patchset.json").toString(), "--json"), "stdout"),
        new Case("study", List.of("study", ENGINE.resolve("mini-study.json").toString(), "--out", "$OUT", "--quiet", "--json"), "study"));
  }

  static Case named(Path dir, String name) {
    return all(dir).stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
  }

  /** Runs a case in this JVM and asserts that its output equals the record. */
  static void runAndCompare(Case c, Path dir, String... engine) {
    Path out = dir.resolve(c.name() + (c.output().equals("jsonl") ? ".jsonl" : ""));
    Cli.Run r = Cli.run(c.argv(out, engine));
    assertThat(r.exitCode()).as(c.name() + " " + String.join(" ", engine) + ": " + r.err()).isZero();
    compare(c, out, r.out());
  }

  /** Asserts that a case's output (the file or directory {@code out}, or {@code stdout}) equals its record. */
  static void compare(Case c, Path out, String stdout) {
    switch (c.output()) {
      case "jsonl" -> {
        assertThat(sortedLines(out)).as(c.name() + ": toy file sorted by line, byte for byte").isEqualTo(read(GOLDEN.resolve(c.name()
            + ".sorted.jsonl")));
        assertThat(results(Json.parse(stdout, "stdout"))).as(c.name() + ": summary").isEqualTo(results(Json.read(GOLDEN.resolve(c.name()
            + ".json"))));
      }
      case "stdout" -> assertThat(results(Json.parse(stdout, "stdout"))).as(c.name())
          .isEqualTo(results(Json.read(GOLDEN.resolve(c.name() + ".json"))));
      case "study" -> assertThat(results(Json.read(out.resolve("study.json")))).as(c.name() + ": study.json")
          .isEqualTo(results(Json.read(GOLDEN.resolve("study.json"))));
      default -> throw new IllegalArgumentException(c.output());
    }
  }

  /** The lines of a file sorted as {@code sort} (LC_ALL=C) sorts them, joined with newlines. */
  static String sortedLines(Path f) {
    List<byte[]> lines = new ArrayList<>();
    for (String l : read(f).split("\n")) {
      lines.add(l.getBytes(StandardCharsets.UTF_8));
    }
    lines.sort(java.util.Arrays::compareUnsigned);
    StringBuilder sb = new StringBuilder();
    for (byte[] l : lines) {
      sb.append(new String(l, StandardCharsets.UTF_8)).append('\n');
    }
    return sb.toString();
  }

  static String read(Path f) {
    try {
      return Files.readString(f, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A JSON output without the fields that are not results ({@link #NOT_RESULTS}), at any depth. */
  static JsonNode results(JsonNode n) {
    JsonNode c = n.deepCopy();
    strip(c);
    return c;
  }

  private static void strip(JsonNode n) {
    if (n instanceof ObjectNode o) {
      for (Iterator<String> it = o.fieldNames(); it.hasNext();) {
        if (NOT_RESULTS.contains(it.next())) {
          it.remove();
        }
      }
      o.forEach(EngineCases::strip);
    } else if (n.isArray()) {
      n.forEach(EngineCases::strip);
    }
  }
}
