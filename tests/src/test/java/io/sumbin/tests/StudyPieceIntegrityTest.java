package io.sumbin.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sumbin.pyhf.Json;
import io.sumbin.pyhf.PyhfDigest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Integrity of study pieces (issue 12 item 3): a piece carries the digest of its study definition
 * (pyhf's digest, checked against the definition it holds) and a CRC-32 per row; merge refuses an
 * edited row, an edited definition and a piece cut short — exit 2, one line, nothing written.
 */
class StudyPieceIntegrityTest {
  @TempDir Path dir;

  Path pieces() throws Exception {
    Path study = StudyCliTest.write(dir, "small.json", StudyCliTest.SMALL);
    Path out = dir.resolve("pieces");
    for (int k = 1; k <= 2; k++) {
      Cli.Run r = Cli.run("study", study.toString(), "--shard", k + "/2", "--out", out.toString(), "--threads", "1", "--quiet");
      assertThat(r.exitCode()).as(r.err()).isZero();
    }
    return out;
  }

  static void refused(Cli.Run r, String... parts) {
    assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
    assertThat(r.errLines()).isEqualTo(1);
    assertThat(r.err()).contains(parts);
  }

  @Test
  void piecesCarryTheDefinitionDigestAndRowChecks() throws Exception {
    Path p = pieces();
    JsonNode j = Json.read(p.resolve("study-1-of-2.json"));
    assertThat(j.get("digest").asText()).isEqualTo(PyhfDigest.sha256(j.get("study")));
    for (JsonNode row : j.get("rows")) {
      assertThat(row.get("check").asText()).hasSize(8);
    }
    Cli.Run ok = Cli.run("merge", p.resolve("study-1-of-2.json").toString(), p.resolve("study-2-of-2.json").toString(),
        "--out", dir.resolve("all").toString());
    assertThat(ok.exitCode()).as(ok.err()).isZero();
  }

  @Test
  void anEditedRowAnEditedDefinitionOrACutPieceIsRefused() throws Exception {
    Path p = pieces();
    Path one = p.resolve("study-1-of-2.json");
    Path two = p.resolve("study-2-of-2.json");
    String original = Files.readString(one);
    ObjectNode j = (ObjectNode) Json.read(one);
    ObjectNode row = (ObjectNode) j.get("rows").get(0);
    row.put("cell", row.get("cell").asInt()); // untouched
    String field = row.has("fisher") ? "fisher" : row.fieldNames().next();
    if (row.get(field).isNumber()) {
      row.put(field, row.get(field).asDouble() * 1.5);
    } else {
      row.put(field, "edited");
    }
    Files.writeString(one, Json.pretty(j));
    refused(Cli.run("merge", one.toString(), two.toString(), "--out", dir.resolve("x").toString()), one + ": rows[0].check:",
        "fails its check");
    ObjectNode k = (ObjectNode) Json.parse(original, "piece");
    ((ObjectNode) k.get("study")).put("truth", 0.7);
    Files.writeString(one, Json.pretty(k));
    refused(Cli.run("merge", one.toString(), two.toString(), "--out", dir.resolve("x").toString()), one + ": study:",
        "does not match");
    Files.writeString(one, original.substring(0, original.length() / 2));
    refused(Cli.run("merge", one.toString(), two.toString(), "--out", dir.resolve("x").toString()), one.toString());
    assertThat(dir.resolve("x")).doesNotExist();
  }
}
