package io.sumbin.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The parts of README.md that {@code docs/readme/regenerate.sh} writes: every one is stamped (UTC time,
 * machine, cores, Java, load average), and the deterministic ones equal what the code prints now
 * (fit, hypotest, limit and scan of the docs workspace; the CLs of the published test likelihood's patch
 * set; the quadratic study's narrowest widths and its table). Timings and the demo's trained networks are only stamped, not compared.
 */
class ReadmeGeneratedBlocksTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final String WS = "examples/workspaces/uncorrelated_background.json";
  private static final Pattern PART =
      Pattern.compile("<!-- generated:([\\w.-]+) begin(?: · ([^>]*))? -->(.*?)<!-- generated:\\1 end -->", Pattern.DOTALL);
  private static final Pattern STAMP = Pattern.compile(
      "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}Z · \\S+ · \\d+ cores · \\S+ version \"[^\"]+\".* · load \\d+\\.\\d+ \\d+\\.\\d+ \\d+\\.\\d+( · .*)?");
  /** The full verify is not run by default; until a run with --verify, its numbers carry this stamp. */
  private static final String BY_HAND = "by hand before regenerate.sh existed (regenerate.sh --verify replaces it)";
  private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");

  private static String readme;
  private static final Map<String, String> PARTS = new LinkedHashMap<>();
  private static final Map<String, String> STAMPS = new LinkedHashMap<>();

  @BeforeAll
  static void read() throws IOException {
    readme = Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
    Matcher m = PART.matcher(readme);
    while (m.find()) {
      assertThat(PARTS.put(m.group(1), m.group(3))).as("generated part " + m.group(1) + " twice").isNull();
      STAMPS.put(m.group(1), m.group(2));
    }
  }

  @Test
  void everyGeneratedPartIsClosedAndStamped() {
    assertThat(PARTS.keySet()).contains("fit", "asymptotic", "demo-table", "demo-seconds", "start-seconds", "jar-size",
        "study-commands", "study-quadratic", "study-quadratic-table", "study-vbf-table", "verify-minutes", "verify-tests",
        "patchset-cls", "patchset-seconds", "lhe-example", "shape-fast", "shape-full", "shape-closure", "analysis-table",
        "analysis-profiled", "analysis-sums", "analysis-nuisance", "analysis-seconds", "vbf-table", "vbf-seconds",
        "vbf-ratio-learned", "vbf-ratio-learned-summary", "vbf-ratio-event2vec", "vbf-halfwidths", "vbf-split-heldout");
    int begins = readme.split("<!-- generated:[\\w.-]+ begin", -1).length - 1;
    int ends = readme.split("<!-- generated:[\\w.-]+ end -->", -1).length - 1;
    assertThat(begins).as("begin markers").isEqualTo(PARTS.size());
    assertThat(ends).as("end markers").isEqualTo(PARTS.size());
    for (Map.Entry<String, String> e : STAMPS.entrySet()) {
      if (e.getKey().startsWith("verify-") && BY_HAND.equals(e.getValue())) {
        continue;
      }
      assertThat(e.getValue()).as("stamp of " + e.getKey()).isNotNull().matches(STAMP);
    }
    for (Map.Entry<String, String> e : PARTS.entrySet()) {
      assertThat(e.getValue()).as("generated part " + e.getKey() + " holds no nested marker").doesNotContain("<!-- generated:");
    }
  }

  @Test
  void fitOfTheDocsWorkspace() {
    Cli.Run r = Cli.run("fit", "../" + WS);
    assertThat(r.exitCode()).isZero();
    assertSameOutput("fit", lines(PARTS.get("fit")), ("$ sumbin fit " + WS + "\n" + r.out().replace("../" + WS, WS)).split("\n"));
  }

  @Test
  void hypotestLimitAndScanOfTheDocsWorkspace() {
    List<String> expected = new ArrayList<>();
    expected.add("$ sumbin hypotest " + WS + " --poi-value 1");
    expected.addAll(List.of(Cli.run("hypotest", "../" + WS, "--poi-value", "1").out().split("\n")));
    expected.add("$ sumbin limit " + WS);
    expected.addAll(List.of(Cli.run("limit", "../" + WS).out().split("\n")));
    expected.add("$ sumbin scan " + WS + " --param mu --range 0:3:31");
    expected.add("...");
    String[] scan = Cli.run("scan", "../" + WS, "--param", "mu", "--range", "0:3:31").out().split("\n");
    expected.add(scan[scan.length - 1]);
    assertSameOutput("asymptotic", lines(PARTS.get("asymptotic")), expected.toArray(String[]::new));
  }

  @Test
  void patchsetClsOfThePublishedTestLikelihood() {
    String dir = "../tests/src/test/resources/published/";
    Cli.Run r = Cli.run("patchset", "cls", dir + "BkgOnly.json", dir + "patchset.json", "--threads", "2");
    assertThat(r.exitCode()).as(r.err()).isZero();
    List<String> out = List.of(r.out().split("\n"));
    List<String> expected = new ArrayList<>(List.of(out.get(0)));
    for (String name : List.of("GG_1000_0", "GG_1200_300", "GG_1400_600", "GG_1600_0")) {
      expected.add(out.stream().filter(l -> l.split(" ")[0].equals(name)).findFirst().orElseThrow());
      expected.add("...");
    }
    expected.add(out.get(out.size() - 1));
    List<String> readmeLines = lines(PARTS.get("patchset-cls"));
    assertThat(readmeLines.get(0)).startsWith("$ sumbin patchset cls");
    // the CLs columns and the totals; the seconds (per point, and of the run) are timings
    assertSameOutput("patchset-cls", withoutSeconds(readmeLines.subList(1, readmeLines.size())),
        withoutSeconds(expected).toArray(String[]::new));
  }

  private static List<String> withoutSeconds(List<String> lines) {
    return lines.stream()
        .map(l -> l.replaceAll("^(\\S+ +\\S+ +\\S+ +\\S+ +\\S+ +\\S+ +\\S+) +[0-9.]+", "$1").replaceAll("; [0-9.]+ s on", "; s on"))
        .toList();
  }

  @Test
  void quadraticStudy(@TempDir Path tmp) throws IOException {
    Cli.Run r = Cli.run("study", "../examples/studies/quadratic-binning.json", "--out", tmp.toString(), "--quiet");
    assertThat(r.exitCode()).as(r.err()).isZero();
    // the deterministic lines of the output: the narrowest width per luminosity and its bound
    List<String> now = r.out().lines().filter(l -> l.startsWith("  L = ") || l.startsWith("narrowest")).toList();
    List<String> readmeLines = lines(PARTS.get("study-quadratic")).stream()
        .filter(l -> l.startsWith("  L = ") || l.startsWith("narrowest")).toList();
    assertThat(now).hasSize(5);
    assertSameOutput("study-quadratic", readmeLines, now.toArray(String[]::new));
    assertThat(lines(PARTS.get("study-quadratic-table")))
        .as("the quadratic study's table in README.md (docs/readme/regenerate.sh writes it)")
        .isEqualTo(quadraticTable(csv(tmp.resolve("study.csv"))));
  }

  @Test
  void theComparisonNoticesAChangedDigitAndToleratesTheLastBits() {
    String now = "mu = 1.000000 (qtilde): CLs = 0.456207  EDM 1.286992201249309E-11";
    assertSameOutput("self", List.of("mu = 1.000000 (qtilde): CLs = 0.456207  EDM 1.286992201249399E-11"), new String[] {now});
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> assertSameOutput("self",
        List.of("mu = 1.000000 (qtilde): CLs = 0.456209  EDM 1.286992201249309E-11"), new String[] {now}))
        .isInstanceOf(AssertionError.class).hasMessageContaining("0.456209 vs 0.456207");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> assertSameOutput("self",
        List.of("mu = 1.000000 (q): CLs = 0.456207  EDM 1.286992201249309E-11"), new String[] {now}))
        .isInstanceOf(AssertionError.class);
  }

  /** The table regenerate.py writes: 68% widths at L = 100 per observable · strategy and bins, and 2/√I_unbinned. */
  static List<String> quadraticTable(List<Map<String, String>> rows) {
    List<String> out = new ArrayList<>(List.of("| observable · strategy | 2 bins | 4 | 8 | 16 | 32 | per-event bound |",
        "|---|---|---|---|---|---|---|"));
    String[][] kinds = {{"u · uniform", "u", "uniform", "false"}, {"optimal · quantile", "optimal", "quantile", "false"},
        {"optimal · uniform", "optimal", "uniform", "false"}, {"u · uniform, staterror", "u", "uniform", "true"}};
    for (String[] k : kinds) {
      StringBuilder sb = new StringBuilder("| " + k[0] + " |");
      Map<String, String> last = null;
      for (String bins : List.of("2", "4", "8", "16", "32")) {
        last = rows.stream().filter(x -> x.get("observable").equals(k[1]) && x.get("strategy").equals(k[2])
            && x.get("mcstat").equals(k[3]) && Double.parseDouble(x.get("luminosity")) == 100 && x.get("bins").equals(bins))
            .findFirst().orElseThrow();
        sb.append(String.format(Locale.ROOT, " %.5f |", Double.parseDouble(last.get("width_68"))));
      }
      sb.append(k[3].equals("true") ? " |" : String.format(Locale.ROOT, " %.5f |", Double.parseDouble(last.get("width_68_unbinned"))));
      out.add(sb.toString());
    }
    return out;
  }

  private static List<Map<String, String>> csv(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    List<String> header = fields(lines.get(0));
    List<Map<String, String>> rows = new ArrayList<>();
    for (String l : lines.subList(1, lines.size())) {
      List<String> f = fields(l);
      Map<String, String> row = new LinkedHashMap<>();
      for (int i = 0; i < header.size(); i++) {
        row.put(header.get(i), i < f.size() ? f.get(i) : "");
      }
      rows.add(row);
    }
    return rows;
  }

  private static List<String> fields(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder sb = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '"') {
        if (quoted && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          sb.append('"');
          i++;
        } else {
          quoted = !quoted;
        }
      } else if (c == ',' && !quoted) {
        out.add(sb.toString());
        sb.setLength(0);
      } else {
        sb.append(c);
      }
    }
    out.add(sb.toString());
    return out;
  }

  /** The lines of a generated part, without its code fence and surrounding blank lines. */
  private static List<String> lines(String part) {
    assertThat(part).as("generated part in README.md").isNotNull();
    return part.strip().lines().filter(l -> !l.startsWith("```")).toList();
  }

  /**
   * The same text with the same numbers: each number of README.md equal to the one printed now within one
   * unit of its last printed digit (scientific notation: 1e-6 relative), so a README written on another
   * machine passes where the last bits of a floating-point result differ.
   */
  private static void assertSameOutput(String part, List<String> readmeLines, String[] now) {
    assertThat(readmeLines).as(part + ": lines (rerun docs/readme/regenerate.sh)").hasSize(now.length);
    for (int i = 0; i < now.length; i++) {
      String a = readmeLines.get(i);
      String b = now[i].stripTrailing();
      String where = part + " line " + (i + 1) + ": README.md '" + a + "', now '" + b + "' (rerun docs/readme/regenerate.sh)";
      assertThat(NUMBER.matcher(a).replaceAll("#")).as(where).isEqualTo(NUMBER.matcher(b).replaceAll("#"));
      Matcher ma = NUMBER.matcher(a);
      Matcher mb = NUMBER.matcher(b);
      while (ma.find() && mb.find()) {
        double x = Double.parseDouble(ma.group());
        double y = Double.parseDouble(mb.group());
        double tol = ma.group(2) != null ? 1e-6 * Math.abs(x)
            : ma.group(1) != null ? 1.01 * Math.pow(10, -(ma.group(1).length() - 1)) : 0;
        assertThat(Math.abs(x - y)).as(where + ": " + ma.group() + " vs " + mb.group()).isLessThanOrEqualTo(tol);
      }
    }
  }
}
