package io.sumbin.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sumbin.pyhf.Json;
import io.sumbin.pyhf.PyhfDigest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Integrity of toy journals (issue 12 item 3): lines carry the model's digest (pyhf's workspace
 * digest of the patched workspace), a settings digest and a CRC; resuming or merging refuses
 * another model or settings in one line with exit 2, a shard cut mid-line is re-run when resumed
 * and an error when merged, a corrupted line is an error.
 */
class ToyJournalIntegrityTest {
  @TempDir Path dir;

  static final String WS = "val_1bin_shapesys";
  static final String OTHER = "val_2bin_shapesys";

  static Cli.Run toys(Path out, String ws, String... extra) {
    boolean n = java.util.Arrays.asList(extra).contains("--ntoys");
    String[] base = {"toys", Shared.workspace(ws).toString(), "--poi-value", "1", "--ntoys", n ? "0" : "40", "--seed", "5",
        "--threads", "2", "--out", out.toString(), "--json"};
    if (n) {
      base = java.util.Arrays.copyOf(base, base.length);
      java.util.List<String> l = new java.util.ArrayList<>(java.util.List.of(base));
      int i = l.indexOf("--ntoys");
      l.remove(i + 1);
      l.remove(i);
      base = l.toArray(String[]::new);
    }
    String[] all = java.util.Arrays.copyOf(base, base.length + extra.length);
    System.arraycopy(extra, 0, all, base.length, extra.length);
    return Cli.run(all);
  }

  @Test
  void linesCarryTheModelDigestSettingsAndACheck() throws Exception {
    Path j = dir.resolve("a.jsonl");
    assertThat(toys(j, WS).exitCode()).isZero();
    String digest = PyhfDigest.sha256(Json.read(Shared.workspace(WS)));
    List<String> lines = Files.readAllLines(j);
    assertThat(lines).hasSize(81);
    for (String l : lines) {
      JsonNode o = Json.parse(l, "line");
      assertThat(o.get("model").asText()).isEqualTo(digest);
      assertThat(o.get("settings").asText()).hasSize(64);
      assertThat(o.get("check").asText()).hasSize(8);
    }
  }

  @Test
  void resumeWithADifferentWorkspaceOrSettingsIsRefused() throws Exception {
    Path j = dir.resolve("a.jsonl");
    assertThat(toys(j, WS).exitCode()).isZero();
    byte[] before = Files.readAllBytes(j);
    Cli.Run other = toys(j, OTHER, "--ntoys", "80");
    assertThat(other.exitCode()).isEqualTo(2);
    assertThat(other.errLines()).isEqualTo(1);
    assertThat(other.err()).contains(j.toString(), "holds toys of model", "another --out");
    Cli.Run fixed = toys(j, WS, "--fix", "uncorr_bkguncrt=1.0");
    assertThat(fixed.exitCode()).isEqualTo(2);
    assertThat(fixed.err()).contains("settings");
    assertThat(Files.readAllBytes(j)).as("a refused resume leaves the journal untouched").isEqualTo(before);
    // the same model and settings resume: more toys appended
    Cli.Run more = toys(j, WS, "--ntoys", "60");
    assertThat(more.exitCode()).as(more.err()).isZero();
    assertThat(Json.parse(more.out(), "stdout").get("resumed_toys").asInt()).as("40 s+b and 40 b toys; the obs line is not a toy").isEqualTo(80);
  }

  @Test
  void aShardCutMidLineIsReRunOnResumeAndAnErrorOnMerge() throws Exception {
    Path full = dir.resolve("full.jsonl");
    assertThat(toys(full, WS).exitCode()).isZero();
    Path cut = dir.resolve("cut.jsonl");
    String text = Files.readString(full);
    Files.writeString(cut, text.substring(0, text.length() - 40), StandardCharsets.UTF_8); // mid-line
    Cli.Run merge = Cli.run("merge", cut.toString(), "--out", dir.resolve("m.jsonl").toString());
    assertThat(merge.exitCode()).isEqualTo(2);
    assertThat(merge.errLines()).isEqualTo(1);
    assertThat(merge.err()).contains(cut + ":81", "cut short");
    assertThat(dir.resolve("m.jsonl")).doesNotExist();
    // resuming re-runs the cut toy: the journal ends identical (as a set of lines) to the uninterrupted one
    Cli.Run resume = toys(cut, WS);
    assertThat(resume.exitCode()).as(resume.err()).isZero();
    assertThat(Json.parse(resume.out(), "stdout").get("new_toys").asInt()).isEqualTo(1);
    assertThat(Files.readAllLines(cut)).containsExactlyInAnyOrderElementsOf(Files.readAllLines(full));
    Cli.Run ok = Cli.run("merge", cut.toString(), full.toString(), "--out", dir.resolve("m.jsonl").toString(), "--json");
    assertThat(ok.exitCode()).as(ok.err()).isZero();
  }

  @Test
  void mergeRefusesOtherModelsAndCorruptedLines() throws Exception {
    Path a = dir.resolve("a.jsonl");
    Path b = dir.resolve("b.jsonl");
    assertThat(toys(a, WS).exitCode()).isZero();
    assertThat(toys(b, OTHER).exitCode()).isZero();
    Cli.Run mixed = Cli.run("merge", a.toString(), b.toString(), "--out", dir.resolve("m.jsonl").toString());
    assertThat(mixed.exitCode()).isEqualTo(2);
    assertThat(mixed.errLines()).isEqualTo(1);
    assertThat(mixed.err()).contains("cannot be merged");
    // one edited number: the line's check fails
    List<String> lines = Files.readAllLines(a);
    String l = lines.get(3);
    int k = l.indexOf("\"t\":") + 4;
    lines.set(3, l.substring(0, k) + "9" + l.substring(k));
    Files.write(a, lines);
    Cli.Run edited = Cli.run("merge", a.toString(), "--out", dir.resolve("m.jsonl").toString());
    assertThat(edited.exitCode()).isEqualTo(2);
    assertThat(edited.err()).contains(a + ":4", "fails its check");
  }
}
