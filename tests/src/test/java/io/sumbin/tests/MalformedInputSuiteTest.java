package io.sumbin.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sumbin.cli.Main;
import io.sumbin.histmodel.spec.ExampleModels;
import io.sumbin.pyhf.Json;
import io.sumbin.testsupport.LheText;
import io.sumbin.pyhf.WorkspaceIO;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import picocli.CommandLine;

/**
 * Issue 12 (items 1, 2, 4, 5): every command of the command line run with malformed input of every
 * class — non-finite and out-of-range numbers, values outside a parameter's bounds, oversized grids,
 * statistics the command cannot use, output paths that are a directory, a file or unwritable, malformed
 * workspaces, LHE files, study files and saved summaries. Each run must end with exit code 2, exactly
 * one line on stderr with the expected words and no stack trace, nothing on stdout, and no file left
 * behind (the fixture directory is listed before and after every run).
 */
class MalformedInputSuiteTest {
  /** Classes of malformed input (the list). */
  enum Kind { NON_FINITE, OUT_OF_RANGE, BOUNDS, GRID, STATISTIC, OUTPUT_DIRECTORY, OUTPUT_FILE, OUTPUT_UNWRITABLE, WORKSPACE, LHE, STUDY, SUMMARY, ANALYSIS, MISSING_FILE }

  /** A malformed run: the leaf command it exercises, its class, the arguments and words the one-line message must contain. */
  record Case(String command, Kind kind, List<String> args, List<String> words) {
    @Override
    public String toString() {
      return command + " [" + kind + "]: " + String.join(" ", args);
    }
  }

  static Path root;
  static String ws;
  static String family;
  static String toys;
  static String lhe;
  static String study;
  static String dir;
  static String file;
  static String unwritable;
  static Map<String, String> bad = new LinkedHashMap<>();
  static String vbf;
  static Path model;
  static final Path PUBLISHED = Path.of("src/test/resources/published");
  static String bkg;
  static String patchset;
  static String patch;
  static final List<Case> CASES = new ArrayList<>();

  @BeforeAll
  static void fixtures() throws IOException {
    root = Files.createTempDirectory("sumbin-malformed");
    Path w = root.resolve("ws.json");
    WorkspaceIO.write(ExampleModels.uncorrelatedBackground(), w);
    ws = w.toString();
    dir = Files.createDirectories(root.resolve("a-directory")).toString();
    file = Files.writeString(root.resolve("a-file.txt"), "not a directory\n").toString();
    unwritable = "/proc/sumbin-cannot-write-here";
    Cli.Run fam = Cli.run("example", "family", "--out", root.resolve("family").toString(), "--points", "5", "--json");
    assertThat(fam.exitCode()).as(fam.err()).isZero();
    family = root.resolve("family").resolve("family.json").toString();
    Cli.Run t = Cli.run("toys", ws, "--poi-value", "1", "--ntoys", "3", "--threads", "1", "--out", root.resolve("toys.jsonl").toString());
    assertThat(t.exitCode()).as(t.err()).isZero();
    toys = root.resolve("toys.jsonl").toString();
    // workspaces
    bad.put("missing", root.resolve("no-such-workspace.json").toString());
    bad.put("analysis-lumi", write("analysis-lumi.json",
        "{\"luminosity_fb\": -1, \"parameters\": {\"c\": [0, 1]}, \"processes\": [], \"regions\": []}\n"));
    bad.put("analysis-process", write("analysis-process.json",
        "{\"luminosity_fb\": 10, \"parameters\": {\"c\": [0, 1]}, \"processes\": [{\"name\": 5}], \"regions\": []}\n"));
    bad.put("malformed", write("malformed.json", "{\"channels\": [ {\"name\": \"c\", ]}\n"));
    bad.put("huge", mutated("huge.json", j -> ((ArrayNode) j.get("observations").get(0).get("data")).set(0, 1e308)));
    bad.put("nan", mutated("nan.json", j -> ((ArrayNode) j.get("observations").get(0).get("data")).set(1, Double.NaN)));
    bad.put("typo", mutated("typo.json", j -> ((ArrayNode) j.get("measurements").get(0).get("config").get("parameters"))
        .addObject().put("name", "uncorr_bkguncrtt").put("fixed", true)));
    bad.put("negsys", mutated("negsys.json", j -> ((ArrayNode) j.get("channels").get(0).get("samples").get(1).get("modifiers").get(0)
        .get("data")).set(0, -2.0)));
    // LHE files: a valid small one and one per malformation
    lhe = write("small.lhe", LheText.file(12, LheText.HIGGS, LheText.WEIGHTS));
    bad.put("lhe-empty", write("empty.lhe", LheText.file(0, LheText.HIGGS, LheText.WEIGHTS)));
    bad.put("lhe-nan", write("nan.lhe", LheText.file(12, LheText.HIGGS, LheText.WEIGHTS).replaceFirst("<wgt id='cA_0p1'> 1.2 </wgt>", "<wgt id='cA_0p1'> NaN </wgt>")));
    bad.put("lhe-inf", write("inf.lhe", LheText.file(12, LheText.HIGGS, LheText.WEIGHTS).replaceFirst("<wgt id='cA_0p2'> 1.5 </wgt>", "<wgt id='cA_0p2'> Infinity </wgt>")));
    bad.put("lhe-zero", write("zero.lhe", LheText.file(12, LheText.HIGGS, LheText.WEIGHTS).replace("<wgt id='cA_0p2'> 1.5 </wgt>", "<wgt id='cA_0p2'> 0 </wgt>")));
    // study files
    study = write("study.json", Files.readString(Path.of("..", "examples", "studies", "quadratic-binning.json")));
    ObjectNode s = (ObjectNode) Json.read(Path.of(study));
    ((ObjectNode) s.get("grid")).putArray("luminosity").add(1.0).add(1e308);
    bad.put("study-lumi", write("study-lumi.json", Json.pretty(s)));
    // published likelihood (issue 11): background-only workspace, patch set, one patch file, and a patch that fails
    bkg = PUBLISHED.resolve("BkgOnly.json").toString();
    patchset = PUBLISHED.resolve("patchset.json").toString();
    patch = PUBLISHED.resolve("patch_GG_1400_600.json").toString();
    bad.put("patch-missing", root.resolve("no-such-patch.json").toString());
    ObjectNode bt = (ObjectNode) Json.read(Path.of(bkg));
    ((ArrayNode) bt.get("measurements").get(0).get("config").get("parameters")).addObject().put("name", "mu_ttbarr").put("fixed", true);
    bad.put("bkg-typo", write("bkg-typo.json", Json.pretty(bt)));
    bad.put("patch-failing", write("failing-patch.json", "[{\"op\": \"add\", \"path\": \"/channels/9/samples/-\", \"value\": {}}]"));
    vbf = Shared.root().resolve("data").resolve("lhe").resolve("smeftsim_VBFH-1.lhe.gz").toString();
    if (Files.isReadable(Path.of(vbf))) {
      model = root.resolve("model");
      Cli.Run tr = Cli.run("train", "derivative", "--events", vbf, "--max-events", "300", "--epochs", "1", "--hidden", "4",
          "--quiet", "--json", "--out", model.toString());
      assertThat(tr.exitCode()).as(tr.err()).isZero();
      bad.put("model-missing", brokenModel("model-missing", f -> delete(f)));
      bad.put("model-truncated", brokenModel("model-truncated", f -> truncate(f)));
    }
    cases();
  }

  @AfterAll
  static void cleanUp() throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.sorted(Collections.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  static String write(String name, String text) throws IOException {
    return Files.writeString(root.resolve(name), text).toString();
  }

  static String mutated(String name, Consumer<ObjectNode> edit) throws IOException {
    ObjectNode j = WorkspaceIO.toJson(ExampleModels.uncorrelatedBackground());
    edit.accept(j);
    return write(name, Json.pretty(j).replace("\"NaN\"", "NaN"));
  }

  /** A copy of the trained model with every weight file passed to {@code damage}. */
  static String brokenModel(String name, Consumer<Path> damage) throws IOException {
    Path copy = root.resolve(name);
    Files.createDirectories(copy);
    try (Stream<Path> s = Files.list(model)) {
      for (Path p : s.toList()) {
        Files.copy(p, copy.resolve(p.getFileName()));
      }
    }
    try (Stream<Path> s = Files.list(copy)) {
      s.filter(p -> !p.getFileName().toString().equals("summary.json")).forEach(damage);
    }
    return copy.toString();
  }

  static void delete(Path p) {
    try {
      Files.delete(p);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static void truncate(Path p) {
    try {
      byte[] b = Files.readAllBytes(p);
      Files.write(p, java.util.Arrays.copyOf(b, b.length / 2));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static void add(String command, Kind kind, List<String> words, String... args) {
    CASES.add(new Case(command, kind, List.of(args), words));
  }

  static List<String> w(String... words) {
    return List.of(words);
  }

  static String out(String name) {
    return root.resolve("out").resolve(name).toString();
  }

  static String inFile(String name) {
    return file + "/" + name;
  }

  static String inProc(String name) {
    return unwritable + "/" + name;
  }

  static void cases() {
    String finite = "not a finite number";
    String isDir = "is a directory";
    String notDir = "is a file, not a directory";
    String existsNotDir = "exists and is not a directory";
    String cannotWrite = "cannot write in /proc";
    // ---- fit
    add("fit", Kind.NON_FINITE, w("--fix", finite), "fit", ws, "--fix", "mu=NaN");
    // issue 18: conflicting fixes, outputs onto inputs or onto each other
    add("fit", Kind.BOUNDS, w("--fix mu=2", "also fixed by --fix mu=1"), "fit", ws, "--fix", "mu=1", "--fix", "mu=2");
    add("hypotest", Kind.OUTPUT_FILE, w("--plot " + ws, "is the input WS.json"), "hypotest", ws, "--poi-value", "1", "--plot", ws);
    add("inspect", Kind.OUTPUT_FILE, w("--output-file " + ws, "is the input WS.json"), "inspect", ws, "--output-file", ws);
    add("toys", Kind.OUTPUT_FILE, w("--plot", "is also the output of --out"), "toys", ws, "--poi-value", "1", "--ntoys", "5",
        "--out", out("same.jsonl"), "--plot", out("same.jsonl"));
    add("fit", Kind.BOUNDS, w("--fix mu=-50", "outside the bounds [0, 10] of 'mu'"), "fit", ws, "--fix", "mu=-50");
    add("fit", Kind.MISSING_FILE, w("no-such-workspace.json"), "fit", bad.get("missing"));
    add("fit", Kind.WORKSPACE, w("malformed.json: line 1"), "fit", bad.get("malformed"));
    add("fit", Kind.WORKSPACE, w("huge.json: observations[0].data[0]", "exceeds 2^53"), "fit", bad.get("huge"));
    add("fit", Kind.NON_FINITE, w("nan.json: observations[0].data[1]", "NaN"), "fit", bad.get("nan"));
    add("fit", Kind.WORKSPACE, w("typo.json: measurements[0].config.parameters[0].name", "'uncorr_bkguncrtt'", "--strict"), "fit", bad.get("typo"), "--strict");
    add("fit", Kind.WORKSPACE, w("negsys.json: channels[0].samples[1].modifiers[0].data[0]", "negative", "--strict"), "fit", bad.get("negsys"), "--strict");
    // ---- --patch, --patch-name, --patch-values, --poi (one mixin, every command that reads a workspace)
    add("fit", Kind.MISSING_FILE, w("no-such-patch.json"), "fit", bkg, "--patch", bad.get("patch-missing"));
    add("fit", Kind.WORKSPACE, w("failing-patch.json: operation 0", "/channels/9/samples/-"), "fit", bkg, "--patch", bad.get("patch-failing"));
    add("fit", Kind.WORKSPACE, w("a patch set of 60 patches", "--patch-name"), "fit", bkg, "--patch", patchset);
    add("fit", Kind.WORKSPACE, w("--poi mu_NOPE: no parameter 'mu_NOPE'"), "fit", ws, "--poi", "mu_NOPE");
    add("hypotest", Kind.NON_FINITE, w("--patch-values", finite), "hypotest", bkg, "--patch", patchset, "--patch-values", "NaN,600",
        "--poi-value", "1");
    add("hypotest", Kind.WORKSPACE, w("hypotest needs a parameter of interest", "--poi none"), "hypotest", ws, "--poi", "none", "--poi-value", "1");
    add("hypotest", Kind.BOUNDS, w("--poi-value: 50 is outside the bounds [0, 10] of 'mu_SIG'"), "hypotest", bkg, "--patch", patch,
        "--poi-value", "50");
    add("limit", Kind.WORKSPACE, w("metadata.digests.sha256", "another background-only workspace"), "limit", ws, "--patch", patchset,
        "--patch-name", "GG_1400_600");
    add("limit", Kind.WORKSPACE, w("limit needs a parameter of interest", "mu_SIG"), "limit", bkg);
    add("scan", Kind.WORKSPACE, w("--patch-name and --patch-values select a patch of a patch set given with --patch"), "scan", ws,
        "--param", "mu", "--range", "0:2:5", "--patch-values", "1400,600");
    add("toys", Kind.WORKSPACE, w("no patch named 'GG_9_9'"), "toys", bkg, "--patch", patchset, "--patch-name", "GG_9_9", "--poi-value", "1",
        "--ntoys", "5", "--out", out("t.jsonl"));
    add("belt", Kind.WORKSPACE, w("belt needs a parameter of interest"), "belt", ws, "--poi", "none", "--range", "0:2:5");
    add("coverage", Kind.MISSING_FILE, w("no-such-patch.json"), "coverage", ws, "--patch", bad.get("patch-missing"), "--poi-value", "1",
        "--ntoys", "3");
    // ---- patchset cls | inspect | extract | apply | verify
    add("patchset cls", Kind.NON_FINITE, w("--test-poi", finite), "patchset", "cls", bkg, patch, "--test-poi", "NaN");
    add("patchset cls", Kind.BOUNDS, w("--test-poi", "tested POI value 50.0 is outside the bounds [0.0, 10.0] of 'mu_SIG'"), "patchset", "cls",
        bkg, patch, "--test-poi", "50", "--threads", "1");
    add("patchset cls", Kind.OUT_OF_RANGE, w("--threads", "must be at least 1"), "patchset", "cls", bkg, patch, "--threads", "0");
    add("patchset cls", Kind.OUTPUT_DIRECTORY, w("--csv", isDir), "patchset", "cls", bkg, patch, "--csv", dir);
    add("patchset cls", Kind.OUTPUT_FILE, w("--plot", notDir), "patchset", "cls", bkg, patchset, "--plot", inFile("excl.png"));
    add("patchset cls", Kind.OUTPUT_UNWRITABLE, w("--csv", cannotWrite), "patchset", "cls", bkg, patch, "--csv", inProc("cls.csv"));
    add("patchset cls", Kind.WORKSPACE, w("--plot needs a patch set"), "patchset", "cls", bkg, patch, "--plot", out("excl.png"));
    add("patchset cls", Kind.WORKSPACE, w("bkg-typo.json + ", "measurements[0].config.parameters[3].name", "'mu_ttbarr'", "--strict"),
        "patchset", "cls", bad.get("bkg-typo"), patch, "--strict");
    add("patchset inspect", Kind.MISSING_FILE, w("no-such-patch.json"), "patchset", "inspect", bad.get("patch-missing"));
    add("patchset inspect", Kind.WORKSPACE, w("not a pyhf patch set"), "patchset", "inspect", ws);
    add("patchset extract", Kind.OUTPUT_DIRECTORY, w("--output-file", isDir), "patchset", "extract", patchset, "--name", "GG_1400_600",
        "--output-file", dir);
    add("patchset extract", Kind.OUTPUT_UNWRITABLE, w("--output-file", cannotWrite), "patchset", "extract", patchset, "--name", "GG_1400_600",
        "--output-file", inProc("p.json"));
    add("patchset extract", Kind.WORKSPACE, w("no patch named 'GG_9_9'"), "patchset", "extract", patchset, "--name", "GG_9_9");
    add("patchset apply", Kind.OUTPUT_FILE, w("--output-file", notDir), "patchset", "apply", bkg, patchset, "--name", "GG_1400_600",
        "--output-file", inFile("a.json"));
    add("patchset apply", Kind.WORKSPACE, w("metadata.digests.sha256", "another background-only workspace"), "patchset", "apply", ws, patchset,
        "--name", "GG_1400_600", "--output-file", out("a.json"));
    add("patchset apply", Kind.WORKSPACE, w("nan.json: observations[0].data[1]"), "patchset", "apply", bad.get("nan"), patchset,
        "--name", "GG_1400_600");
    add("patchset verify", Kind.WORKSPACE, w("metadata.digests.sha256", "another background-only workspace"), "patchset", "verify", ws, patchset);
    add("patchset verify", Kind.MISSING_FILE, w("no-such-patch.json"), "patchset", "verify", bkg, bad.get("patch-missing"));
    // ---- pyhf's workspace tools
    add("inspect", Kind.OUTPUT_DIRECTORY, w("--output-file", isDir), "inspect", ws, "--output-file", dir);
    add("inspect", Kind.WORKSPACE, w("typo.json: measurements[0].config.parameters[0].name", "--strict"), "inspect", bad.get("typo"), "--strict");
    add("inspect", Kind.WORKSPACE, w("no measurement named 'nope'"), "inspect", ws, "--measurement", "nope", "--output-file", out("i.json"));
    add("prune", Kind.WORKSPACE, w("--modifier-type", "'bogus' is not one of"), "prune", ws, "-t", "bogus");
    add("prune", Kind.OUTPUT_UNWRITABLE, w("--output-file", cannotWrite), "prune", ws, "-c", "singlechannel", "--output-file", inProc("p.json"));
    add("prune", Kind.WORKSPACE, w("nope is not one of the channels"), "prune", ws, "-c", "nope", "--output-file", out("p.json"));
    add("rename", Kind.OUTPUT_FILE, w("--output-file", notDir), "rename", ws, "-c", "singlechannel", "sc", "--output-file", inFile("r.json"));
    add("rename", Kind.WORKSPACE, w("nope is not one of the samples"), "rename", ws, "-s", "nope", "x", "--output-file", out("r.json"));
    add("combine", Kind.WORKSPACE, w("--join must be one of"), "combine", ws, ws, "--join", "sideways");
    add("combine", Kind.OUTPUT_DIRECTORY, w("--output-file", isDir), "combine", ws, bkg, "--output-file", dir);
    add("combine", Kind.WORKSPACE, w("huge.json: observations[0].data[0]", "exceeds 2^53"), "combine", ws, bad.get("huge"));
    add("sort", Kind.NON_FINITE, w("nan.json: observations[0].data[1]", "NaN"), "sort", bad.get("nan"));
    add("sort", Kind.OUTPUT_FILE, w("--output-file", notDir), "sort", ws, "--output-file", inFile("s.json"));
    add("digest", Kind.WORKSPACE, w("--algorithm"), "digest", ws, "-a", "bogus");
    add("digest", Kind.MISSING_FILE, w("no-such-workspace.json"), "digest", bad.get("missing"));
    add("digest", Kind.WORKSPACE, w("negsys.json: channels[0].samples[1].modifiers[0].data[0]", "negative", "--strict"), "digest", bad.get("negsys"), "--strict");
    // ---- hypotest
    add("hypotest", Kind.NON_FINITE, w("--poi-value", finite), "hypotest", ws, "--poi-value", "NaN");
    add("hypotest", Kind.BOUNDS, w("--poi-value: 50 is outside the bounds [0, 10] of 'mu'"), "hypotest", ws, "--poi-value", "50");
    add("hypotest", Kind.STATISTIC, w("--test-stat t", "hypotest uses qtilde, q, q0"), "hypotest", ws, "--poi-value", "1", "--test-stat", "t");
    add("hypotest", Kind.OUT_OF_RANGE, w("--ntoys", "must be at least 1"), "hypotest", ws, "--poi-value", "1", "--calc", "toys", "--ntoys", "0");
    add("hypotest", Kind.OUT_OF_RANGE, w("--threads", "must be at least 1"), "hypotest", ws, "--poi-value", "1", "--threads", "0");
    add("hypotest", Kind.OUTPUT_DIRECTORY, w("--plot", isDir), "hypotest", ws, "--poi-value", "1", "--plot", dir);
    add("hypotest", Kind.OUTPUT_FILE, w("--plot", notDir), "hypotest", ws, "--poi-value", "1", "--plot", inFile("p.png"));
    add("hypotest", Kind.WORKSPACE, w("huge.json", "exceeds 2^53"), "hypotest", bad.get("huge"), "--poi-value", "1");
    // ---- limit
    add("limit", Kind.OUT_OF_RANGE, w("--cl", "strictly between 0 and 1"), "limit", ws, "--cl", "1.5");
    add("limit", Kind.NON_FINITE, w("--cl", finite), "limit", ws, "--cl", "NaN");
    add("limit", Kind.STATISTIC, w("--test-stat q0", "limit uses qtilde, q"), "limit", ws, "--test-stat", "q0");
    add("limit", Kind.GRID, w("--scan", "exceed the limit of 10000"), "limit", ws, "--scan", "0:1:2000000000");
    add("limit", Kind.BOUNDS, w("--scan 0:20:5 leaves the bounds [0, 10] of 'mu'"), "limit", ws, "--scan", "0:20:5");
    add("limit", Kind.OUTPUT_DIRECTORY, w("--plot", isDir), "limit", ws, "--plot", dir);
    add("limit", Kind.OUTPUT_UNWRITABLE, w("--plot", cannotWrite), "limit", ws, "--plot", inProc("brazil.png"));
    add("limit", Kind.OUT_OF_RANGE, w("--cls-error", "strictly between 0 and 1"), "limit", ws, "--calc", "toys", "--cls-error", "1.5");
    add("limit", Kind.NON_FINITE, w("--cls-error", finite), "limit", ws, "--calc", "toys", "--cls-error", "NaN");
    add("limit", Kind.OUT_OF_RANGE, w("--max-toys 10 is below --ntoys 1000"), "limit", ws, "--calc", "toys", "--ntoys", "1000",
        "--max-toys", "10");
    add("limit", Kind.OUTPUT_FILE, w("--plot", "is the input"), "limit", ws, "--plot", ws);
    // ---- fit diagnostics (issue 21)
    add("fit", Kind.OUT_OF_RANGE, w("--corr-threshold", "between 0 and 1"), "fit", ws, "--corr-threshold", "2");
    add("fit", Kind.NON_FINITE, w("--corr-threshold", finite), "fit", ws, "--corr-threshold", "NaN");
    add("pulls", Kind.OUTPUT_DIRECTORY, w("--plot", isDir), "pulls", ws, "--plot", dir);
    add("pulls", Kind.OUTPUT_FILE, w("--plot", "is the input"), "pulls", ws, "--plot", ws);
    add("pulls", Kind.WORKSPACE, w("malformed.json: line 1"), "pulls", bad.get("malformed"));
    add("impacts", Kind.OUT_OF_RANGE, w("--threads", "must be at least 1"), "impacts", ws, "--threads", "0");
    add("impacts", Kind.OUT_OF_RANGE, w("--top", "must be at least 1"), "impacts", ws, "--top", "0");
    add("impacts", Kind.BOUNDS, w("the POI 'mu' cannot be fixed in impacts"), "impacts", ws, "--fix", "mu=1");
    add("impacts", Kind.WORKSPACE, w("impacts needs a parameter of interest"), "impacts", ws, "--poi", "none");
    add("postfit", Kind.OUTPUT_FILE, w("--out", existsNotDir), "postfit", ws, "--out", file);
    add("postfit", Kind.NON_FINITE, w("--fix", finite), "postfit", ws, "--fix", "mu=Infinity");
    add("gof", Kind.OUT_OF_RANGE, w("--ntoys", "must be at least 0"), "gof", ws, "--ntoys", "-1");
    add("gof", Kind.OUT_OF_RANGE, w("--ntoys 20000000: at most 10000000"), "gof", ws, "--ntoys", "20000000");
    add("intervals", Kind.WORKSPACE, w("--param nope: unknown parameter"), "intervals", ws, "--param", "nope");
    add("intervals", Kind.OUT_OF_RANGE, w("either --all or --param"), "intervals", ws, "--all", "--param", "mu");
    add("compatibility", Kind.WORKSPACE, w("needs the POI 'mu' in at least two channels"), "compatibility", ws);
    add("compatibility", Kind.MISSING_FILE, w("no-such-workspace.json"), "compatibility", bad.get("missing"));
    add("bench impacts", Kind.MISSING_FILE, w("no-such-workspace.json"), "bench", "impacts", bad.get("missing"));
    add("bench impacts", Kind.OUT_OF_RANGE, w("--repeat", "must be at least 1"), "bench", "impacts", ws, "--repeat", "0");
    // ---- scan
    add("scan", Kind.NON_FINITE, w("--range", finite), "scan", ws, "--param", "mu", "--range", "NaN:1:5");
    add("scan", Kind.GRID, w("--range", "2000000000 points exceed the limit of 10000"), "scan", ws, "--param", "mu", "--range", "0:1:2000000000");
    add("scan", Kind.GRID, w("for a 2-D grid"), "scan", ws, "--param", "mu", "--range", "0:1:5000", "--param2", "uncorr_bkguncrt[0]",
        "--range2", "0.5:1.5:5000");
    add("scan", Kind.BOUNDS, w("--range 0:20:5 leaves the bounds [0, 10] of 'mu'"), "scan", ws, "--param", "mu", "--range", "0:20:5");
    add("scan", Kind.NON_FINITE, w("--asimov", finite), "scan", ws, "--param", "mu", "--range", "0:2:5", "--asimov", "Infinity");
    add("scan", Kind.BOUNDS, w("--asimov: 50 is outside the bounds"), "scan", ws, "--param", "mu", "--range", "0:2:5", "--asimov", "50");
    add("scan", Kind.OUTPUT_DIRECTORY, w("--plot", isDir), "scan", ws, "--param", "mu", "--range", "0:2:5", "--plot", dir);
    // ---- belt
    add("belt", Kind.GRID, w("--range", "exceed the limit"), "belt", ws, "--range", "0:1:2000000000");
    add("belt", Kind.OUT_OF_RANGE, w("--cl", "strictly between 0 and 1"), "belt", ws, "--range", "0:2:5", "--cl", "0");
    add("belt", Kind.STATISTIC, w("--test-stat q0", "belt uses"), "belt", ws, "--range", "0:2:5", "--test-stat", "q0");
    add("belt", Kind.OUT_OF_RANGE, w("--ntoys", "must be at most 10000000"), "belt", ws, "--range", "0:2:5", "--ntoys", "20000000");
    add("belt", Kind.BOUNDS, w("--range -1:2:5 leaves the bounds [0, 10]"), "belt", ws, "--range", "-1:2:5");
    add("belt", Kind.OUTPUT_FILE, w("--plot", notDir), "belt", ws, "--range", "0:2:5", "--plot", inFile("belt.png"));
    // ---- toys
    add("toys", Kind.OUTPUT_DIRECTORY, w("--out", isDir), "toys", ws, "--poi-value", "1", "--ntoys", "5", "--out", dir);
    add("toys", Kind.OUTPUT_FILE, w("--out", notDir), "toys", ws, "--poi-value", "1", "--ntoys", "5", "--out", inFile("t.jsonl"));
    add("toys", Kind.NON_FINITE, w("--poi-value", finite), "toys", ws, "--poi-value", "-Infinity", "--ntoys", "5", "--out", out("t.jsonl"));
    add("toys", Kind.BOUNDS, w("--poi-value: 50 is outside the bounds"), "toys", ws, "--poi-value", "50", "--ntoys", "5", "--out", out("t.jsonl"));
    add("toys", Kind.STATISTIC, w("--test-stat ttilde", "toys uses"), "toys", ws, "--poi-value", "1", "--test-stat", "ttilde", "--ntoys", "5",
        "--out", out("t.jsonl"));
    add("toys", Kind.OUT_OF_RANGE, w("--ntoys", "must be at least 1"), "toys", ws, "--poi-value", "1", "--ntoys", "0", "--out", out("t.jsonl"));
    add("toys", Kind.OUTPUT_DIRECTORY, w("--plot", isDir), "toys", ws, "--poi-value", "1", "--ntoys", "5", "--out", out("t.jsonl"), "--plot", dir);
    add("toys", Kind.WORKSPACE, w("typo.json", "'uncorr_bkguncrtt'", "--strict"), "toys", bad.get("typo"), "--strict", "--poi-value", "1", "--ntoys", "5", "--out", out("t.jsonl"));
    // ---- merge
    add("merge", Kind.MISSING_FILE, w("no-such-workspace.json: no such toy file"), "merge", bad.get("missing"), "--out", out("m.jsonl"));
    add("merge", Kind.OUTPUT_DIRECTORY, w(isDir), "merge", toys, "--out", dir);
    add("merge", Kind.OUTPUT_UNWRITABLE, w(cannotWrite), "merge", toys, "--out", inProc("m.jsonl"));
    add("merge", Kind.OUTPUT_DIRECTORY, w("--plot", isDir), "merge", toys, "--out", out("m.jsonl"), "--plot", dir);
    // ---- coverage
    add("coverage", Kind.BOUNDS, w("--poi-value: 50 is outside the bounds"), "coverage", ws, "--poi-value", "50", "--ntoys", "3");
    add("coverage", Kind.OUT_OF_RANGE, w("--cl", "strictly between 0 and 1"), "coverage", ws, "--poi-value", "1", "--ntoys", "3", "--cl", "2");
    add("coverage", Kind.STATISTIC, w("--test-stat q0", "coverage uses"), "coverage", ws, "--poi-value", "1", "--ntoys", "3", "--test-stat", "q0");
    add("coverage", Kind.OUT_OF_RANGE, w("--inner-toys", "must be at least 1"), "coverage", ws, "--poi-value", "1", "--ntoys", "3", "--inner-toys", "0");
    add("coverage", Kind.NON_FINITE, w("--poi-value", finite), "coverage", ws, "--poi-value", "NaN", "--ntoys", "3");
    // ---- family
    add("family scan", Kind.NON_FINITE, w("--asimov", finite), "family", "scan", family, "--asimov", "NaN");
    add("family scan", Kind.MISSING_FILE, w("no-such-workspace.json"), "family", "scan", bad.get("missing"));
    add("family scan", Kind.OUTPUT_DIRECTORY, w("--plot", isDir), "family", "scan", family, "--plot", dir);
    add("family scan", Kind.OUT_OF_RANGE, w("--threads", "must be at least 1"), "family", "scan", family, "--threads", "-1");
    add("family limits", Kind.STATISTIC, w("--test-stat q0", "family limits uses qtilde, q"), "family", "limits", family, "--test-stat", "q0");
    add("family limits", Kind.NON_FINITE, w("--asimov", finite), "family", "limits", family, "--asimov", "Infinity");
    add("family belt", Kind.OUT_OF_RANGE, w("--cl", "strictly between 0 and 1"), "family", "belt", family, "--cl", "1");
    add("family belt", Kind.STATISTIC, w("--test-stat q0", "family belt uses"), "family", "belt", family, "--test-stat", "q0");
    add("family belt", Kind.OUT_OF_RANGE, w("--ntoys", "must be at least 1"), "family", "belt", family, "--ntoys", "0");
    add("family belt", Kind.OUTPUT_FILE, w("--plot", notDir), "family", "belt", family, "--plot", inFile("b.png"));
    add("family export-pyhf", Kind.OUTPUT_FILE, w("--out", existsNotDir), "family", "export-pyhf", family, "--out", file);
    add("family export-pyhf", Kind.OUTPUT_UNWRITABLE, w("--out", cannotWrite), "family", "export-pyhf", family, "--out", inProc("pyhf"));
    add("family export-pyhf", Kind.MISSING_FILE, w("no-such-workspace.json"), "family", "export-pyhf", bad.get("missing"), "--out", out("pyhf"));
    // ---- bench
    add("bench fit", Kind.OUT_OF_RANGE, w("--repeat", "must be at least 1"), "bench", "fit", ws, "--repeat", "0");
    add("bench fit", Kind.NON_FINITE, w("--warmup-seconds", finite), "bench", "fit", ws, "--warmup-seconds", "NaN");
    add("bench fit", Kind.BOUNDS, w("--fix mu=-50", "outside the bounds"), "bench", "fit", ws, "--fix", "mu=-50");
    add("bench fits", Kind.MISSING_FILE, w("no workspaces/ directory"), "bench", "fits", dir);
    add("bench fits", Kind.OUT_OF_RANGE, w("--repeat", "must be at least 1"), "bench", "fits", dir, "--repeat", "0");
    add("bench family", Kind.GRID, w("--points", "must be at most 10000"), "bench", "family", "--points", "2000000000");
    add("bench family", Kind.OUT_OF_RANGE, w("--threads", "must be at least 1"), "bench", "family", "--threads", "0");
    add("bench toys", Kind.BOUNDS, w("--poi-value: 50 is outside the bounds"), "bench", "toys", ws, "--poi-value", "50");
    add("bench toys", Kind.STATISTIC, w("--test-stat t", "bench toys uses"), "bench", "toys", ws, "--test-stat", "t");
    add("bench toys", Kind.NON_FINITE, w("--poi-value", finite), "bench", "toys", ws, "--poi-value", "Infinity");
    add("bench unbinned", Kind.OUT_OF_RANGE, w("--events", "must be at least 1"), "bench", "unbinned", "--events", "0");
    add("bench unbinned", Kind.OUT_OF_RANGE, w("--nuisances", "must be at least 0"), "bench", "unbinned", "--nuisances", "-1");
    add("bench unbinned", Kind.OUT_OF_RANGE, w("--events", "must be at most 100000000"), "bench", "unbinned", "--events", "2000000000");
    add("bench shape", Kind.OUT_OF_RANGE, w("--calibration must be none, platt or histogram", "'bogus'"), "bench", "shape",
        "--calibration", "bogus");
    add("bench shape", Kind.OUT_OF_RANGE, w("--events", "must be at least 1"), "bench", "shape", "--events", "0");
    // ---- example
    add("example workspace", Kind.OUTPUT_DIRECTORY, w("--out", isDir), "example", "workspace", "--out", dir);
    add("example workspace", Kind.OUTPUT_FILE, w("--out", notDir), "example", "workspace", "--out", inFile("ws.json"));
    add("example workspace", Kind.OUTPUT_UNWRITABLE, w("--out", cannotWrite), "example", "workspace", "--out", inProc("ws.json"));
    add("example family", Kind.OUTPUT_FILE, w("--out", existsNotDir), "example", "family", "--out", file);
    add("example family", Kind.GRID, w("--points", "must be at most 10000"), "example", "family", "--out", out("fam"), "--points", "2000000000");
    add("example family", Kind.NON_FINITE, w("--truth", finite), "example", "family", "--out", out("fam"), "--truth", "NaN");
    add("example family", Kind.OUT_OF_RANGE, w("--truth", "|THETA| <= 10"), "example", "family", "--out", out("fam"), "--truth", "1e300");
    // ---- lhe
    add("lhe info", Kind.MISSING_FILE, w("no-such-workspace.json: no such file"), "lhe", "info", bad.get("missing"));
    add("lhe info", Kind.LHE, w("empty.lhe", "no events"), "lhe", "info", bad.get("lhe-empty"));
    add("lhe info", Kind.LHE, w("nan.lhe: line", "event 1", "weight id 'cA_0p1' is NaN"), "lhe", "info", bad.get("lhe-nan"));
    add("lhe eft", Kind.LHE, w("inf.lhe: line", "event 1", "weight id 'cA_0p2' is Infinity"), "lhe", "eft", bad.get("lhe-inf"));
    add("lhe eft", Kind.LHE, w("zero.lhe", "weight id 'cA_0p2' is zero in all 12 events"), "lhe", "eft", bad.get("lhe-zero"));
    add("lhe eft", Kind.LHE, w("empty.lhe", "no events"), "lhe", "eft", bad.get("lhe-empty"));
    // ---- events info|convert (any event format; LHE errors come from the LHE reader)
    add("events info", Kind.MISSING_FILE, w("no-such-workspace.json: no such file"), "events", "info", bad.get("missing"));
    add("events info", Kind.LHE, w("empty.lhe", "no events"), "events", "info", bad.get("lhe-empty"));
    add("events convert", Kind.MISSING_FILE, w("no-such-workspace.json: no such file"), "events", "convert",
        bad.get("missing"), out("events.parquet"));
    add("events convert", Kind.LHE, w("nan.lhe: line", "weight id 'cA_0p1' is NaN"), "events", "convert", bad.get("lhe-nan"),
        out("events.parquet"));
    add("events convert", Kind.OUTPUT_FILE, w("unknown event file format"), "events", "convert", lhe, out("events.root"));
    // ---- analysis run|validate (the description is checked before any event is read)
    add("analysis validate", Kind.MISSING_FILE, w("no-such-workspace.json: no such analysis file"), "analysis", "validate",
        bad.get("missing"));
    add("analysis validate", Kind.ANALYSIS, w("analysis-lumi.json: ", "luminosity_fb"), "analysis", "validate", bad.get("analysis-lumi"));
    add("analysis validate", Kind.ANALYSIS, w("analysis-process.json: ", "processes[0]"), "analysis", "validate",
        bad.get("analysis-process"));
    add("analysis run", Kind.MISSING_FILE, w("no-such-workspace.json: no such analysis file"), "analysis", "run", bad.get("missing"),
        "--out", out("analysis"));
    add("analysis run", Kind.ANALYSIS, w("analysis-process.json: ", "processes[0]"), "analysis", "run", bad.get("analysis-process"),
        "--out", out("analysis"));
    // ---- eft-truth, demo, vbf (every failure before any training or study)
    add("eft-truth", Kind.OUT_OF_RANGE, w("--lumi", "must lie in (0, 1000000] fb^-1"), "eft-truth", lhe, "--lumi", "1e308");
    add("eft-truth", Kind.NON_FINITE, w("--lumi", finite), "eft-truth", lhe, "--lumi", "NaN");
    add("eft-truth", Kind.OUTPUT_FILE, w("--out", existsNotDir), "eft-truth", lhe, "--out", file);
    add("eft-truth", Kind.LHE, w("nan.lhe", "weight id 'cA_0p1' is NaN"), "eft-truth", bad.get("lhe-nan"));
    add("demo", Kind.OUTPUT_FILE, w("--out", existsNotDir), "demo", "--out", file);
    add("demo", Kind.OUTPUT_UNWRITABLE, w("--out", cannotWrite), "demo", "--out", inProc("demo"));
    add("demo", Kind.NON_FINITE, w("--lumi", finite), "demo", "--out", out("demo"), "--lumi", "Infinity");
    add("demo", Kind.OUT_OF_RANGE, w("--events", "must be at least 1"), "demo", "--out", out("demo"), "--events", "0");
    add("demo", Kind.NON_FINITE, w("--truth", finite), "demo", "--out", out("demo"), "--truth", "NaN");
    add("vbf", Kind.OUTPUT_FILE, w("--out", existsNotDir), "vbf", lhe, "--out", file);
    add("vbf", Kind.OUT_OF_RANGE, w("--lumi", "must lie in (0, 1000000]"), "vbf", lhe, "--lumi", "-1");
    add("vbf", Kind.OUT_OF_RANGE, w("--train-fraction", "strictly between 0 and 1"), "vbf", lhe, "--train-fraction", "1.5");
    add("vbf", Kind.LHE, w("inf.lhe", "weight id 'cA_0p2' is Infinity"), "vbf", bad.get("lhe-inf"), "--out", out("vbf"));
    // ---- train (every method), summarize, bench-train
    for (String m : List.of("derivative", "carl", "alice", "morphing", "event2vec", "event2vec-binwise")) {
      add("train " + m, Kind.OUTPUT_FILE, w("--out", existsNotDir), "train", m, "--events", lhe, "--out", file);
      add("train " + m, Kind.LHE, w("inf.lhe", "weight id 'cA_0p2' is Infinity"), "train", m, "--events", bad.get("lhe-inf"), "--out", out("m"));
      add("train " + m, Kind.NON_FINITE, w("--lr", finite), "train", m, "--events", lhe, "--out", out("m"), "--lr", "NaN");
      add("train " + m, Kind.OUT_OF_RANGE, w("--epochs", "must be at least 1"), "train", m, "--events", lhe, "--out", out("m"), "--epochs", "0");
    }
    add("train derivative", Kind.OUT_OF_RANGE, w("--range", "need LO < HI"), "train", "derivative", "--events", lhe, "--out", out("m"),
        "--range", "cA=1:0");
    add("train carl", Kind.NON_FINITE, w("--theta0", finite), "train", "carl", "--events", lhe, "--out", out("m"), "--theta0", "cA=Infinity");
    add("train derivative", Kind.LHE, w("zero.lhe", "is zero in all 12 events"), "train", "derivative", "--events", bad.get("lhe-zero"), "--out", out("m"));
    add("summarize", Kind.OUTPUT_DIRECTORY, w("--out", isDir), "summarize", root.resolve("model").toString(), "--events", lhe, "--out", dir);
    add("summarize", Kind.NON_FINITE, w("--theta", finite), "summarize", root.resolve("model").toString(), "--events", lhe, "--out", out("s.csv"),
        "--theta", "cA=NaN");
    if (bad.containsKey("model-missing")) {
      add("summarize", Kind.SUMMARY, w("model-missing", "the weights file", "is missing"), "summarize", bad.get("model-missing"), "--events", vbf,
          "--out", out("s.csv"));
      add("summarize", Kind.SUMMARY, w("model-truncated"), "summarize", bad.get("model-truncated"), "--events", vbf, "--out", out("s.csv"));
    }
    add("bench-train", Kind.OUT_OF_RANGE, w("--events", "must be at least 1"), "bench-train", "--events", "0");
    add("bench-train", Kind.OUT_OF_RANGE, w("--hidden", "must be at least 1"), "bench-train", "--hidden", "0,4");
    add("bench-train", Kind.OUT_OF_RANGE, w("--batch", "must be at least 1"), "bench-train", "--batch", "-1");
    add("bench-train", Kind.OUT_OF_RANGE, w("--hidden", "must be at most 65536"), "bench-train", "--hidden", "64,1000000000");
    // ---- study
    add("study", Kind.STUDY, w("study-lumi.json: grid.luminosity[1]", "beyond 2^53"), "study", bad.get("study-lumi"), "--out", out("st"), "--quiet");
    add("study", Kind.OUTPUT_FILE, w("--out", existsNotDir), "study", study, "--out", file, "--quiet");
    add("study", Kind.OUT_OF_RANGE, w("--threads", "must be at least 1"), "study", study, "--threads", "0");
    add("study", Kind.MISSING_FILE, w("no such study file"), "study", bad.get("missing"));
  }

  /** Relative paths of every file and directory under the fixture root. */
  static Set<String> listing() throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      return s.map(p -> root.relativize(p).toString()).collect(Collectors.toCollection(TreeSet::new));
    }
  }

  @TestFactory
  Stream<DynamicTest> everyMalformedRunIsOneLineExitTwoAndLeavesNothingBehind() {
    return CASES.stream().map(c -> DynamicTest.dynamicTest(c.toString(), () -> {
      Set<String> before = listing();
      Cli.Run r = Cli.run(c.args().toArray(new String[0]));
      assertThat(r.exitCode()).as("exit code of %s; stderr: %s", c, r.err()).isEqualTo(2);
      assertThat(r.errLines()).as("one line on stderr: %s", r.err()).isEqualTo(1);
      assertThat(r.err()).as("message of %s", c).contains(c.words()).doesNotContain("\tat ", "Exception", "internal error");
      assertThat(r.out()).as("nothing on stdout").isBlank();
      assertThat(listing()).as("files after %s", c).isEqualTo(before);
    }));
  }

  @Test
  void everyCommandIsCoveredAndEveryClassOfMalformedInputOccurs() {
    Set<String> leaves = new TreeSet<>();
    collect(Main.commandLine(), "", leaves);
    Set<String> covered = CASES.stream().map(Case::command).collect(Collectors.toCollection(TreeSet::new));
    assertThat(covered).as("every leaf command has malformed-input cases").containsAll(leaves);
    for (String leaf : leaves) {
      assertThat(CASES.stream().filter(c -> c.command().equals(leaf)).count()).as("cases of '%s'", leaf).isGreaterThanOrEqualTo(2);
    }
    EnumSet<Kind> kinds = EnumSet.noneOf(Kind.class);
    CASES.forEach(c -> kinds.add(c.kind()));
    if (!bad.containsKey("model-missing")) {
      kinds.add(Kind.SUMMARY); // needs ../shared to train the model whose weights are then damaged
    }
    assertThat(kinds).as("classes of malformed input").containsExactlyInAnyOrder(Kind.values());
  }

  static void collect(CommandLine cl, String prefix, Set<String> out) {
    if (cl.getSubcommands().isEmpty()) {
      out.add(prefix.strip());
      return;
    }
    cl.getSubcommands().forEach((name, sub) -> collect(sub, prefix + " " + name, out));
  }

  @Test
  void readsWhatPyhfAcceptsByDefaultWithOneWarningLineAndRefusesItUnderStrict() {
    Cli.Run strict = Cli.run("fit", bad.get("typo"), "--json", "--strict");
    assertThat(strict.exitCode()).isEqualTo(2);
    assertThat(strict.err()).contains("'uncorr_bkguncrtt'", "--strict");
    Cli.Run ref = Cli.run("fit", ws, "--json");
    for (String[] args : List.of(new String[] {"fit", bad.get("typo"), "--json"},
        new String[] {"fit", bad.get("typo"), "--json", "--lenient"})) { // --lenient: a deprecated no-op, old scripts work
      Cli.Run asPyhf = Cli.run(args);
      assertThat(asPyhf.exitCode()).as(asPyhf.err()).isZero();
      assertThat(asPyhf.err().strip()).startsWith("warning: " + bad.get("typo") + ": measurements[0].config.parameters[0].name")
          .contains("'uncorr_bkguncrtt'").doesNotContain("--lenient");
      assertThat(asPyhf.errLines()).isEqualTo(1);
      assertThat(Json.parse(asPyhf.out(), "stdout").get("twice_nll").asDouble()).as("the unknown setting is ignored, as in pyhf")
          .isEqualTo(Json.parse(ref.out(), "stdout").get("twice_nll").asDouble());
    }
  }
}
