#!/usr/bin/python3
"""Regenerates the numbers README.md quotes from the commands that produce them.

Every generated part of the README sits between two markers,

    <!-- generated:NAME begin · STAMP -->
    ...
    <!-- generated:NAME end -->

(a block of lines, or inline within one line), where STAMP records when and where it was produced:
UTC date, `uname -m`, cores, the first line of `java -version` and the load average (plus wall and
CPU seconds for timed commands). This script runs the commands, rewrites the parts between the
markers and leaves everything else untouched; running it twice on the same machine changes at
most the stamps and the timings. ReadmeGeneratedBlocksTest checks the stamps and that the
deterministic outputs (fit, hypotest, limit, scan, the quadratic study) equal what the code
computes now.

Still typed by hand, on purpose or not yet: pyhf's reference numbers (../shared/pyhf,
docs/bench/pyhf_crosscheck.py) and physics constants (not ours); values the tests assert and the README
quotes from them (the checks tables of `analysis`, the shape toy's asserted tolerances); the analysis section's staterror/closure side runs; the learned-summaries accuracy table (test results). Benchmark numbers are not quoted: the README
links to docs/BENCHMARKS.md.

usage: docs/readme/regenerate.sh [--skip-build] [--slow] [--analyses] [--verify] [--only NAME,NAME] [--allow-load] [--list]
  --skip-build  use the existing examples/cli/target/sumbin.jar (else: mvn -B -q -pl examples/cli -am -DskipTests package)
  --allow-load  run even when the load average exceeds twice the cores (refused otherwise)
  --slow        also the VBF study (reads ../shared/data/lhe; ~1 min on 2 cores) and the full learned-shape toy
                (`bench shape`, ~2 min)
  --analyses    also `sumbin analysis run examples/analyses/vbf-dy.json` (~15 s), the held-out `sumbin vbf`
                and its two development splits (train networks; ~35 s each on 2 cores)
  --verify      also `mvn -B verify` of the whole reactor: its wall time and test count (minutes)
  --only        regenerate only the named parts or jobs (fit, asymptotic, start, patchset, study-quadratic, demo, lhe,
                shape, study-vbf, shape-full, analysis, vbf, verify; --list prints the parts the README has)
"""
import csv
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
JAR = ROOT / "examples/cli/target/sumbin.jar"
JAVA = ["java", "-Dai.djl.offline=true", "-jar", str(JAR)]
WS = "examples/workspaces/uncorrelated_background.json"
PART = re.compile(r"<!-- generated:([\w.-]+) begin(?: · [^>]*)? -->(.*?)<!-- generated:\1 end -->", re.S)


def log(msg):
    print(f"[regenerate] {msg}", file=sys.stderr, flush=True)


def machine():
    java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[0].strip()
    return f"{os.uname().machine} · {os.cpu_count()} cores · {java.replace('--', '-')}"


def stamp(extra=""):
    load = " ".join(Path("/proc/loadavg").read_text().split()[:3])
    s = f"{time.strftime('%Y-%m-%dT%H:%MZ', time.gmtime())} · {machine()} · load {load}"
    return s + (f" · {extra}" if extra else "")


class Run:
    """One command: its output, wall and CPU (user + sys of the child) seconds."""

    def __init__(self, args, cwd=ROOT, check=True):
        log("$ " + " ".join(str(a) for a in args) + (f"   (in {cwd})" if cwd != ROOT else ""))
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.monotonic()
        p = subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True,
                           env=dict(os.environ, OPT_OUT_TRACKING="true"))
        self.wall = time.monotonic() - t0
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        self.cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        self.out, self.err, self.code = p.stdout, p.stderr, p.returncode
        if check and p.returncode != 0:
            sys.exit(f"[regenerate] failed (exit {p.returncode}): {' '.join(map(str, args))}\n{p.stderr[-3000:]}")

    def timing(self):
        return f"wall {self.wall:.1f} s, cpu {self.cpu:.1f} s"


def fence(lines):
    return "\n```\n" + "\n".join(lines) + "\n```\n"


# ------------------------------------------------------------------ parts

def fit_parts():
    r = Run(JAVA + ["fit", WS])
    return {"fit": (fence([f"$ sumbin fit {WS}"] + r.out.rstrip("\n").split("\n")), stamp())}


def asymptotic_parts():
    h = Run(JAVA + ["hypotest", WS, "--poi-value", "1"])
    lim = Run(JAVA + ["limit", WS])
    sc = Run(JAVA + ["scan", WS, "--param", "mu", "--range", "0:3:31"])
    lines = [f"$ sumbin hypotest {WS} --poi-value 1"] + h.out.rstrip("\n").split("\n")
    lines += [f"$ sumbin limit {WS}"] + lim.out.rstrip("\n").split("\n")
    lines += [f"$ sumbin scan {WS} --param mu --range 0:3:31", "..."] + [sc.out.rstrip("\n").split("\n")[-1]]
    return {"asymptotic": (fence(lines), stamp())}


def start_parts():
    """Cold start: median wall of five `sumbin fit` runs of the docs workspace."""
    runs = [Run(JAVA + ["fit", WS]) for _ in range(5)]
    wall = statistics.median(r.wall for r in runs)
    cpu = statistics.median(r.cpu for r in runs)
    parts = {"start-seconds": (f"{wall:.1f} s", stamp(f"median of 5: wall {wall:.2f} s, cpu {cpu:.2f} s")),
             "jar-size": (f"{JAR.stat().st_size / 1e6:.0f} MB", stamp())}
    # through the launcher: its first run builds the class-data archive in the background; wait for it, then time
    launcher = [str(ROOT / "examples/cli/bin/sumbin")]
    Run(launcher + ["--version"])
    cache = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "sumbin"
    for _ in range(240):
        if not list(cache.glob("*.building")):
            break
        time.sleep(0.5)
    for name, args in (("start-seconds-launcher", ["fit", WS]), ("version-seconds-launcher", ["--version"])):
        runs = [Run(launcher + args) for _ in range(7)]
        w = statistics.median(r.wall for r in runs)
        c = statistics.median(r.cpu for r in runs)
        parts[name] = (f"{w:.2f} s", stamp(f"median of 7: wall {w:.2f} s, cpu {c:.2f} s"))
    return parts


PUBLISHED = "tests/src/test/resources/published"
PATCHSET_ROWS = ["GG_1000_0", "GG_1200_300", "GG_1400_600", "GG_1600_0"]


def patchset_parts():
    """CLs of the 60 points of the published test likelihood on 2 threads: four rows, the total and its time."""
    args = ["patchset", "cls", f"{PUBLISHED}/BkgOnly.json", f"{PUBLISHED}/patchset.json", "--threads", "2"]
    r = Run(JAVA + args)
    out = r.out.rstrip("\n").split("\n")
    lines = ["$ sumbin " + " ".join(args), out[0]]
    for name in PATCHSET_ROWS:
        lines += [l for l in out if l.split(" ")[0] == name] + ["..."]
    lines.append(out[-1])
    seconds = float(re.search(r"; ([0-9.]+) s on", out[-1]).group(1))
    return {"patchset-cls": (fence(lines), stamp(r.timing())),
            "patchset-seconds": (f"{seconds:.0f} s", stamp(r.timing() + f"; the command's own {seconds:.2f} s"))}


def demo_parts(tmp):
    r = Run(JAVA + ["demo", "--out", tmp / "sumbin-demo"], cwd=tmp)
    lines = r.out.split("\n")
    table = [l for l in lines if l.startswith("|")]
    observed = [l for l in lines if l.startswith("observed (pseudo-data")]
    if not table or not observed:
        sys.exit("[regenerate] demo: no table in its output:\n" + r.out)
    return {"demo-table": (fence(table + [""] + observed), stamp(r.timing())),
            "demo-seconds": (f"{r.wall:.0f} s", stamp(r.timing()))}


def study(tmp, name):
    """Runs a shipped study from the repository root, its tables and plots into a scratch directory."""
    rel = f"examples/studies/{name}.json"
    r = Run(JAVA + ["study", ROOT / rel, "--out", tmp / f"{name}-results"], cwd=ROOT)
    return r, rel, tmp / f"{name}-results"


def progress_line(err, label):
    segments = [s.rstrip() for s in re.split(r"[\r\n]", err) if s.strip().startswith(label)]
    return segments[-1] if segments else None


def quadratic_parts(tmp):
    r, rel, out = study(tmp, "quadratic-binning")
    bar = progress_line(r.err, "study quadratic-binning")
    lines = [f"$ sumbin study {rel}"]
    if bar:
        lines.append(bar + "            (stderr)")
    for l in r.out.rstrip("\n").split("\n"):
        # the run wrote into a scratch directory; the README shows the default one
        lines.append(l.replace(str(out), f"examples/studies/quadratic-binning-results"))
    rows = list(csv.DictReader(open(out / "study.csv", encoding="utf-8")))
    quick = lambda old: re.sub(r"(quadratic-binning\.json +# 432 cells, ~)[0-9.]+( s)", rf"\g<1>{r.wall:.0f}\2", old)
    return {"study-quadratic": (fence(lines), stamp(r.timing())),
            "study-commands": (quick, stamp("quadratic-binning " + r.timing())),
            "study-quadratic-table": (quadratic_table(rows), stamp()), **quadratic_prose(rows)}


def quadratic_prose(rows):
    """The figures in the prose under the quadratic table (32 bins): u and the optimal observable against the
    per-event bound at L = 100, and what the staterror costs at L = 100 and L = 1."""
    def w(obs, strat, mc, lum, key="width_68"):
        for row in rows:
            if (row["observable"], row["strategy"], row["mcstat"], row["bins"]) == (obs, strat, mc, "32") \
                    and float(row["luminosity"]) == lum:
                return float(row[key])
        sys.exit(f"[regenerate] study.csv: no 32-bin row {obs} {strat} mcstat={mc} at L = {lum}")
    bound = w("u", "uniform", "false", 100, "width_68_unbinned")
    st = stamp()
    return {"study-quadratic-u-bound": (f"{100 * (w('u', 'uniform', 'false', 100) / bound - 1):.1f}%", st),
            "study-quadratic-optimal-bound": (f"{100 * (w('optimal', 'quantile', 'false', 100) / bound - 1):.0f}%", st),
            "study-quadratic-mcstat": (f"{w('u', 'uniform', 'true', 100) / w('u', 'uniform', 'false', 100):.0f}×", st),
            "study-quadratic-mcstat-l1": (f"{100 * (w('u', 'uniform', 'true', 1) / w('u', 'uniform', 'false', 1) - 1):.0f}%", st)}


def cell(rows, **want):
    for row in rows:
        if all(row[k] == v for k, v in want.items()):
            return row
    sys.exit(f"[regenerate] study.csv: no row with {want}")


def quadratic_table(rows):
    bins = ["2", "4", "8", "16", "32"]
    lum = "100.0" if any(r["luminosity"] == "100.0" for r in rows) else "100"
    out = ["", "| observable · strategy | 2 bins | 4 | 8 | 16 | 32 | per-event bound |", "|---|---|---|---|---|---|---|"]
    for label, obs, strat, mc in [("u · uniform", "u", "uniform", "false"), ("optimal · quantile", "optimal", "quantile", "false"),
                                  ("optimal · uniform", "optimal", "uniform", "false"),
                                  ("u · uniform, staterror", "u", "uniform", "true")]:
        cells = [cell(rows, observable=obs, strategy=strat, mcstat=mc, luminosity=lum, bins=b) for b in bins]
        bound = "" if mc == "true" else f"{float(cells[-1]['width_68_unbinned']):.5f}"
        out.append(f"| {label} | " + " | ".join(f"{float(c['width_68']):.5f}" for c in cells) + f" | {bound} |".replace("|  |", "| |"))
    return "\n".join(out) + "\n"


def vbf_parts(tmp):
    r, rel, out = study(tmp, "vbf-binning")
    rows = list(csv.DictReader(open(out / "study.csv", encoding="utf-8")))
    slow = lambda old: re.sub(r"(vbf-binning\.json +# 960 cells, ~)[0-9.]+( s)", rf"\g<1>{r.wall:.0f}\2", old)
    return {"study-commands": (slow, stamp("vbf-binning " + r.timing())),
            "study-vbf-table": (vbf_table(rows), stamp(r.timing())), **vbf_prose(rows)}


def vbf_prose(rows):
    """The figures in the prose under the VBF study table (cHW; 8 bins and 300 fb^-1 unless said otherwise)."""
    def w(obs, strat, mc="false", lum=300, bins="8", lo="", hi="", key="width_68"):
        for row in rows:
            if (row["observable"], row["strategy"], row["mcstat"], row["bins"], row["range_lo"], row["range_hi"]) \
                    == (obs, strat, mc, bins, lo, hi) and float(row["luminosity"]) == lum:
                return float(row[key])
        sys.exit(f"[regenerate] vbf-binning study.csv: no {bins}-bin row {obs} {strat} mcstat={mc} at L = {lum}")
    hists = [w(o, s_, lo=lo, hi=hi) for o, lo, hi in {(r["observable"], r["range_lo"], r["range_hi"]) for r in rows}
             if o != "optimal" for s_ in ("uniform", "quantile", "min-mcstat")]
    st = stamp()
    return {"study-vbf-uniform-mjj": (f"{w('m_jj', 'uniform') / w('m_jj', 'quantile'):.1f}×", st),
            "study-vbf-optimal-gain": (f"{min(hists) / w('optimal', 'quantile'):.1f}×", st),
            "study-vbf-optimal-24": (f"{w('optimal', 'quantile', bins='24') / w('optimal', 'quantile', bins='24', key='width_68_unbinned'):.2f}×", st),
            "study-vbf-mcstat-3": (f"{100 * (w('optimal', 'quantile', 'true', 3) / w('optimal', 'quantile', 'false', 3) - 1):.0f}%", st),
            "study-vbf-mcstat-30": (f"{w('optimal', 'quantile', 'true', 30) / w('optimal', 'quantile', 'false', 30):.0f}", st),
            "study-vbf-mcstat-300": (f"{w('optimal', 'quantile', 'true', 300):.3g}", st),
            "study-vbf-mcstat-3000": (f"{w('optimal', 'quantile', 'true', 3000):.3g}", st)}


def vbf_table(rows):
    """68% widths at 300 fb^-1 with 8 bins per observable (the grid's order) and strategy; the best histogram in bold."""
    def num(v):
        return "%#.3g" % float(v)

    def g(v):
        return "%g" % float(v)

    keys = []
    for r in rows:
        key = (r["observable"], r["range_lo"], r["range_hi"])
        if key not in keys:
            keys.append(key)

    def pick(key, strat, mc="false"):
        for r in rows:
            if (r["observable"], r["range_lo"], r["range_hi"]) == key and r["strategy"] == strat and r["mcstat"] == mc \
                    and r["bins"] == "8" and float(r["luminosity"]) == 300:
                return r
        sys.exit(f"[regenerate] vbf-binning study.csv: no 8-bin cell at 300 fb^-1 for {key} {strat} mcstat={mc}")

    table = {k: (pick(k, "uniform"), pick(k, "quantile"), pick(k, "min-mcstat"), pick(k, "quantile", "true")) for k in keys}
    best = min(float(c["width_68"]) for cells in table.values() for c in cells[:3] if c["width_68"])
    out = ["", "| observable | uniform | quantile | min-mcstat 0.05 (bins used) | quantile, with staterror |", "|---|---|---|---|---|"]
    for (obs, lo, hi), (u, q, m, qs) in table.items():
        def w(c):
            t = num(c["width_68"]) if c["width_68"] else "open"
            return f"**{t}**" if c["width_68"] and float(c["width_68"]) == best else t
        label = obs + (f", range [{g(lo)}, {g(hi)}]" if lo or hi else "")
        used = m["bins_min"] if m["bins_min"] == m["bins_max"] else f"{m['bins_min']}–{m['bins_max']}"
        out.append(f"| {label} | {w(u)} | {w(q)} | {w(m)} ({used}) | {w(qs)} |")
    return "\n".join(out) + "\n"


# ------------------------------------------------------------------ lhe

LHE = "../shared/data/lhe"


def lhe_parts(tmp):
    """`sumbin lhe info` and `lhe eft` on the shared files: the README's example block (a few seconds)."""
    vbf = [f"{LHE}/smeftsim_VBFH-{i}.lhe.gz" for i in (1, 2, 3)]
    jar = "java -jar examples/cli/target/sumbin.jar"
    info = Run(JAVA + ["lhe", "info", vbf[0]])
    lines = [f"$ {jar} lhe info {vbf[0]}"]
    out = info.out.rstrip("\n").split("\n")
    w = next((i for i, l in enumerate(out) if l.startswith("weights")), None)
    if w is None:
        lines += out
    else:  # the reweighting points: the first two and the last
        points = [l for l in out[w + 1:] if l.startswith("  ")]
        lines += out[:w + 1] + points[:2] + (["  ..."] if len(points) > 3 else []) + points[2:][-1:]
    eft = Run(JAVA + ["lhe", "eft"] + vbf + ["--json"])
    lines += ["", f"$ {jar} lhe eft {LHE}/smeftsim_VBFH-{{1,2,3}}.lhe.gz --json"] + lhe_eft_json(eft.out)
    dy = f"{LHE}/dy1j.lhe.gz"
    bad = Run(JAVA + ["lhe", "eft", dy], check=False)
    lines += ["", f"$ {jar} lhe eft {dy}; echo $?", bad.err.strip().split("\n")[-1], str(bad.code)]
    lin = json_of(Run(JAVA + ["lhe", "eft", dy, "--linear", "--json"]).out)
    lines.append(f"$ {jar} lhe eft {dy} --linear --json    # exit 0, {lin['components']} components")
    # a gzip stream cut in the middle of the file
    cut = Path(tmp) / "truncated.lhe.gz"
    data = (ROOT / vbf[0]).resolve().read_bytes() if (ROOT / vbf[0]).exists() else Path(vbf[0]).read_bytes()
    cut.write_bytes(data[:len(data) // 2])
    tr = Run(JAVA + ["lhe", "info", "truncated.lhe.gz"], cwd=tmp, check=False)
    lines += ["", f"$ {jar} lhe info truncated.lhe.gz; echo $?", tr.err.strip().split("\n")[-1], str(tr.code)]
    return {"lhe-example": (fence(lines), stamp(eft.timing()))}


def json_of(text):
    import json
    return json.loads(text)


def lhe_eft_json(text):
    """The `lhe eft --json` object on four lines, long lists shortened to their first entries and '...'
    (numbers as Java printed them)."""
    import json
    j = json.loads(text)
    d = lambda v: json.dumps(v, separators=(",", ":"))
    raw = lambda key, within=text: re.search(rf'"{re.escape(key)}":([^,}}]+)', within).group(1)
    terms_text = text[text.index('"cross_section_terms"'):]
    keep = [k for k in ("1", "cHB", "cHW", "cHbox", "cHW^2") if k in j["cross_section_terms"]]
    entries = [f"{d(k)}:{raw(k, terms_text)}" + (",..." if i > 0 else "") for i, k in enumerate(keep)]
    t1, t2 = ",".join(entries[:3]), ",".join(entries[3:])  # two lines
    ids = j["point_ids"]
    return ['{"events":%d,"files":[...],"mode":%s,"coefficients":%s,"points":%d,' % (j["events"], d(j["mode"]), d(j["coefficients"]), j["points"]),
            ' "point_ids":[%s,...],"components":%d,"condition_number":%s,' % (",".join(d(x) for x in ids[:2]), j["components"], raw("condition_number")),
            ' "max_rel_residual":%s,"cross_section_sm":%s,' % (raw("max_rel_residual"), raw("cross_section_sm")),
            ' "cross_section_terms":{%s,' % t1, ' %s},"fit_seconds":%s}' % (t2, raw("fit_seconds"))]


# ------------------------------------------------------------------ learned shape systematics

def shape_row(j, r):
    """The cells after 'settings' of a row of the README's ShapeSystematicToy table."""
    iv = lambda k: f"[{j[k][0]:.4f}, {j[k][1]:.4f}]"
    return (f"{r.wall:.0f} s wall, training {j['training_seconds']:.0f} s of it ({r.cpu:.0f} s CPU) | "
            f"{100 * j['bulk_deviation']:.1f} % | {iv('interval_exact')} | {iv('interval_learned')} | "
            f"{j['width_ratio']:.4f} | {iv('interval_fixed')} ")


def shape_closure(j):
    def e(c, key):
        return f"{c[key]:.5f} ± {c[key + '_error']:.2g}"
    u, d = j["closure_up"], j["closure_down"]
    return (f"E_0[ĝ_+] = {e(u, 'nominal_mean')}, E_+[1/ĝ_+] = {e(u, 'inverse_mean')}, "
            f"E_0[ĝ_−] = {e(d, 'nominal_mean')},\nE_−[1/ĝ_−] = {e(d, 'inverse_mean')}")


def shape_parts():
    """`sumbin bench shape --fast --json`: the fast row of the learned-shape table (a few seconds of CPU)."""
    import json
    r = Run(JAVA + ["bench", "shape", "--fast", "--json"])
    return {"shape-fast": (shape_row(json.loads(r.out), r), stamp(r.timing()))}


def shape_full_parts():
    """`sumbin bench shape --json` (200k events per sample, 3 × 64): the full row and its closure (~2 min)."""
    import json
    r = Run(JAVA + ["bench", "shape", "--json"])
    j = json.loads(r.out)
    return {"shape-full": (shape_row(j, r), stamp(r.timing())), "shape-closure": (shape_closure(j), stamp(r.timing()))}


# ------------------------------------------------------------------ sumbin vbf (--analyses)

FEATURE = {"deta_jj": "Δη_jj", "dphi_jj_signed": "Δφ_jj signed", "dphi_jj": "Δφ_jj", "pt_h": "p_T,h"}


def plain_pm(v, err):
    """value ± error, two significant digits of the error (none when the error vanishes: a rate-only coefficient)."""
    import math
    if err is None or err <= 1e-9 * abs(v):
        return sig(v)
    d = max(0, 1 - math.floor(math.log10(err)))
    return minus(f"{v:.{d}f} ± {err:.{d}f}")


def vbf_analysis_parts():
    """`sumbin vbf` held out (train VBFH-1,2, test VBFH-3, all coefficients): the README's table and figures (~1–3 min)."""
    import json
    lhe = [f"{LHE}/smeftsim_VBFH-{i}.lhe.gz" for i in (1, 2, 3)]
    r = Run(JAVA + ["vbf", lhe[0], lhe[1], "--test", lhe[2], "--json"])
    return vbf_analysis_from(json.loads(r.out), r)


def vbf_analysis_from(j, r):
    st = stamp(r.timing())
    rows = ["", "| coefficient | m_jj, 10 bins | best 1-D | best 2-D (train-selected) | **learned**, 10 bins per point "
                "| **event2vec**, 10 soft bins | unbinned truth | learned / best 2-D | event2vec / m_jj |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    by = {c["name"]: c for c in j["coefficients"]}
    ratio = lambda c, k: minus(f"{c[k]:.2f} ± {c[k + '_error']:.2f}") if c.get(k + "_error") else f"{c[k]:.2f}"
    order = [n for n in ("cHW", "cHWB", "cHDD", "cHB") if n in by] + [n for n in by if n not in ("cHW", "cHWB", "cHDD", "cHB")]
    for c in (by[n] for n in order):
        rate_only = c["histogram"]["fisher_per_fb_error"] <= 1e-9 * c["histogram"]["fisher_per_fb"]
        # a coefficient that changes only the rate: every method carries the same information, no error to quote
        f = (lambda m: sig(m["fisher_per_fb"])) if rate_only else (lambda m: plain_pm(m["fisher_per_fb"], m.get("fisher_per_fb_error")))
        if rate_only:
            b1 = b2 = "–"
        else:
            b1 = ", ".join(FEATURE.get(x, x) for x in c["best_1d"]["features"])
            b2 = f"{f(c['best_2d'])} ({', '.join(FEATURE.get(x, x) for x in c['best_2d']['features'])}; " \
                 f"{c['best_2d']['binning'].replace('x', '×')})"
        learned, l2 = f(c["learned_binned"]), ratio(c, "learned_over_best_2d")
        if not rate_only:  # the bars: >= 1.3x the best 2-D for cHW, >= max(m_jj, 0.9 x best 2-D) otherwise
            lf, h, b = c["learned_binned"]["fisher_per_fb"], c["histogram"]["fisher_per_fb"], c["best_2d"]["fisher_per_fb"]
            if (lf >= 1.3 * b) if c["name"] == "cHW" else (lf >= max(h, 0.9 * b)):
                learned, l2 = f"**{learned}**", f"**{l2}**"
        if rate_only:
            l2, e2 = f"{c['learned_binned']['fisher'] / c['histogram']['fisher']:.2f}", f"{c['event2vec']['fisher'] / c['histogram']['fisher']:.2f}"
        else:
            e2 = ratio(c, "event2vec_over_histogram")
        rows.append(f"| {c['name']} | {f(c['histogram'])} | {b1} | {b2} | {learned} | {f(c['event2vec'])} | "
                    f"{f(c['unbinned_truth'])} | {l2} | {e2} |")
    w = by["cHW"]
    hw = lambda m: f"±{sig(m['half_width_68'], 2)} / ±{sig(m['half_width_95'], 2)}"
    parts = {"vbf-table": ("\n".join(rows) + "\n", st),
             "vbf-seconds": (f"{r.wall:.0f} s wall", st),
             "vbf-ratio-learned": (f"{w['learned_over_best_2d']:.2f}×", st),
             "vbf-ratio-learned-summary": (f"{w['learned_over_best_2d']:.2f}", st),
             "vbf-ratio-event2vec": (f"{w['event2vec_over_histogram']:.2f}×", st),
             "vbf-halfwidths": (f"m_jj {hw(w['histogram'])}, best 2-D {hw(w['best_2d'])},\nlearned {hw(w['learned_binned'])}, "
                                f"event2vec {hw(w['event2vec'])}, unbinned truth {hw(w['unbinned_truth'])}", st),
             "vbf-split-heldout": (" | ".join(ratio(by[n], "learned_over_best_2d") for n in ("cHW", "cHWB", "cHDD", "cHB") if n in by)
                                   + " | " + ratio(w, "event2vec_over_histogram") + " ", st)}
    return parts


def vbf_split_parts():
    """The two development splits of `sumbin vbf` (train on two VBF files, test on the third): the splits table's rows."""
    import json
    lhe = {i: f"{LHE}/smeftsim_VBFH-{i}.lhe.gz" for i in (1, 2, 3)}
    parts = {}
    for train, test in (((2, 3), 1), ((1, 3), 2)):
        r = Run(JAVA + ["vbf", lhe[train[0]], lhe[train[1]], "--test", lhe[test], "--json"])
        by = {c["name"]: c for c in json.loads(r.out)["coefficients"]}
        cells = []
        for n in ("cHW", "cHWB", "cHDD", "cHB"):
            c = by[n]
            lf, h, b = c["learned_binned"]["fisher_per_fb"], c["histogram"]["fisher_per_fb"], c["best_2d"]["fisher_per_fb"]
            ok = (lf >= 1.3 * b) if n == "cHW" else (lf >= max(h, 0.9 * b))  # the bars, as in the held-out table
            cells.append(minus(f"{c['learned_over_best_2d']:.2f} ± {c['learned_over_best_2d_error']:.2f}") + ("" if ok else " ⚑"))
        w = by["cHW"]
        cells.append(minus(f"{w['event2vec_over_histogram']:.2f} ± {w['event2vec_over_histogram_error']:.2f}"))
        parts[f"vbf-split-{train[0]}{train[1]}{test}"] = (" | ".join(cells) + " ", stamp(r.timing()))
    return parts


# ------------------------------------------------------------------ analysis run (--analyses)

ANALYSIS = "examples/analyses/vbf-dy.json"
SUP = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")


def minus(t):
    return t.replace("-", "−")


def sig(v, n=3):
    """v to n significant digits, no exponent below 10^5, a Unicode minus."""
    import math
    if v == 0:
        return "0"
    e = math.floor(math.log10(abs(v)))
    return minus(f"{v:.{max(0, n - 1 - e)}f}")


def pm(v, err):
    """value ± error with two significant digits of the error; ·10ⁿ when the value is ≥ 10³."""
    import math
    if v is None:
        return "–"
    if err is None or err <= 0:
        return sig(v)
    scale = math.floor(math.log10(abs(v))) if abs(v) >= 1e3 else 0
    v, err = v / 10 ** scale, err / 10 ** scale
    d = max(0, 1 - math.floor(math.log10(err)))
    unit = f"·10{str(scale).translate(SUP)}" if scale else ""
    return minus(f"{v:.{d}f}{unit} ± {err:.{d}f}{unit}")


def interval(iv, bound):
    """[lo, hi] to three digits; an end beyond the scanned range (null) as 'beyond'."""
    lo, hi = iv if iv else (None, None)
    if lo is None and hi is None:
        return f"beyond ±{bound:g}"
    return f"[{'< ' + sig(-bound) if lo is None else sig(lo)}, {'> ' + sig(bound) if hi is None else sig(hi)}]"


def analysis_parts(tmp):
    """`sumbin analysis run examples/analyses/vbf-dy.json --json`: the README's table and the figures beside it (~2 min)."""
    import json
    r = Run(JAVA + ["analysis", "run", ANALYSIS, "--json", "--out", Path(tmp) / "vbf-dy-results"])
    return analysis_from(json.loads(r.out), json.loads((ROOT / ANALYSIS).read_text(encoding="utf-8")), r)


def analysis_from(j, spec, r):
    bounds = {p: max(abs(float(x)) for x in rng) for p, rng in spec["parameters"].items()}
    pars = j["parameters"]
    order = sorted(pars, key=lambda p: -(pars[p].get("fisher") or 0))
    regions = list(j.get("regions", {}))

    def best(c):
        b = c.get("best")
        return "–" if b is None else ("0" if abs(b) < 5e-4 * bounds.get(p, 1) else sig(b))

    head = ["coefficient", "combined: best, 68 %, 95 %", "Fisher (combined)"] + \
           [f"{rg.upper()} region alone 68 %" for rg in regions] + ["unbinned exact ratios 68 % (Fisher)"]
    rows = ["", "| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for p in order:
        c = pars[p]
        cells = [p, f"{best(c)}, {interval(c.get('interval_68'), bounds[p])}, {interval(c.get('interval_95'), bounds[p])}",
                 pm(c.get("fisher"), c.get("fisher_error"))]
        for rg in regions:
            rc = j["regions"][rg].get("parameters", {}).get(p)
            cells.append("—" if not rc or not rc.get("fisher") else
                         f"{interval(rc.get('interval_68'), bounds[p])} ({pm(rc.get('fisher'), rc.get('fisher_error'))})")
        u = j.get("unbinned", {}).get(p)
        cells.append("—" if not u else f"{interval(u.get('interval_68'), bounds[p])} ({pm(u.get('fisher'), u.get('fisher_error'))})")
        rows.append("| " + " | ".join(cells) + " |")
    st = stamp(r.timing())

    profiled = []
    for p in order:
        c = pars[p]
        alone = [f"{rg.upper()} {pm(rc['fisher_profiled'], rc.get('fisher_profiled_error'))}" for rg in regions
                 for rc in [j["regions"][rg].get("parameters", {}).get(p)] if rc and rc.get("fisher") and rc.get("fisher_profiled") is not None]
        profiled.append(f"{p} {pm(c.get('fisher_profiled'), c.get('fisher_profiled_error'))}" + (f" ({', '.join(alone)})" if alone else ""))

    sums = []
    for p in ("cHWB", "cHDD"):
        if p in pars:
            f = [j["regions"][rg]["parameters"][p]["fisher"] for rg in regions if j["regions"][rg].get("parameters", {}).get(p)]
            sums.append(f"{p}: {pm(pars[p]['fisher'], pars[p].get('fisher_error'))} against "
                        + " + ".join(sig(x) for x in f) + f" = {sig(sum(f))}")

    nps = j.get("nuisance_parameters", {})

    def np_text(names, label=None):
        ok = [n for n in names if n in nps]
        if not ok:
            return None
        lo = min(nps[n]["uncertainty"] for n in ok)
        hi = max(nps[n]["uncertainty"] for n in ok)
        b = {round(nps[n]["best"], 3) for n in ok}
        bt = sig(b.pop()) if len(b) == 1 else "≈ " + "–".join(sorted({sig(x) for x in b}))
        return f"{label or '`' + ok[0] + '`'} {bt} ± {sig(lo, 2)}" + (f"–{sig(hi, 2)}" if sig(lo, 2) != sig(hi, 2) else "")

    np_parts = [np_text([n]) for n in ("jes", "jer", "lumi")]
    np_parts.append(np_text([n for n in nps if n.startswith("xs_")], "the cross sections"))
    np_parts.append(np_text([n for n in nps if n.startswith("mcstat")], "`mcstat_<region>[b]`"))
    seconds = j.get("seconds")
    wall = f"{r.wall:.0f} s wall end to end (the run's own `seconds` {seconds:.0f} s" + \
           (f", its families {j['family_seconds']:.0f} s" if isinstance(j.get("family_seconds"), (int, float)) else "") + ")"
    return {"analysis-table": ("\n".join(rows) + "\n", st),
            "analysis-profiled": ("; ".join(profiled), st),
            "analysis-sums": ("; ".join(sums), st),
            "analysis-nuisance": (", ".join(x for x in np_parts if x), st),
            "analysis-seconds": (wall, st)}


def verify_parts():
    started = time.time()
    r = Run(["mvn", "-B", "verify"], cwd=ROOT)
    tests = skipped = 0
    for f in ROOT.glob("**/target/surefire-reports/TEST-*.xml"):
        if f.stat().st_mtime < started:
            continue  # a report of an earlier run (a test class since removed)
        s = ET.parse(f).getroot()
        tests += int(s.get("tests", 0))
        skipped += int(s.get("skipped", 0))
    minutes = r.wall / 60
    return {"verify-minutes": (f"{minutes:.0f} minutes", stamp(r.timing())),
            "verify-tests": (f"{tests} tests, {skipped} skipped", stamp(r.timing()))}


# ------------------------------------------------------------------ README

def replace(text, parts):
    seen = set()

    def sub(m):
        name = m.group(1)
        if name not in parts:
            return m.group(0)
        seen.add(name)
        body, st = parts[name]
        if callable(body):  # edits part of an existing block: keep the old stamp's notes of the parts not rerun
            body = body(m.group(2))
            old_notes = re.findall(r"((?:quadratic|vbf)-binning wall [0-9.]+ s, cpu [0-9.]+ s)( \(earlier run[^)]*\))?",
                                   m.group(0).split(" -->", 1)[0])
            when = re.match(r"<!-- generated:[\w.-]+ begin · (\S+)", m.group(0))
            for note, earlier in old_notes:
                if note.split(" wall")[0] not in st:
                    st += f"; {note}" + (earlier or f" (earlier run, {when.group(1) if when else 'unknown'})")
        return f"<!-- generated:{name} begin · {st} -->{body}<!-- generated:{name} end -->"

    text = PART.sub(sub, text)
    missing = set(parts) - seen
    if missing:
        log("no markers in README.md for: " + ", ".join(sorted(missing)))
    return text


def main(argv):
    if "--list" in argv:
        for m in PART.finditer(README.read_text(encoding="utf-8")):
            print(m.group(1))
        return 0
    only = None
    if "--only" in argv:
        only = set(argv[argv.index("--only") + 1].split(","))
    load = float(Path("/proc/loadavg").read_text().split()[0])
    if load > 2 * os.cpu_count() and "--allow-load" not in argv:
        sys.exit(f"[regenerate] load average {load} > 2 x {os.cpu_count()} cores: the timings would say more about the "
                 "machine's other jobs than about sumbin. Wait for a quieter machine, or pass --allow-load (the stamps "
                 "record the load either way).")
    if "--skip-build" not in argv:
        Run(["mvn", "-B", "-q", "-pl", "examples/cli", "-am", "-DskipTests", "package"])
    if not JAR.exists():
        sys.exit(f"[regenerate] {JAR} missing: build it (drop --skip-build)")
    jobs = [("fit", fit_parts), ("asymptotic", asymptotic_parts), ("start", start_parts), ("patchset", patchset_parts),
            ("study-quadratic", quadratic_parts), ("demo", demo_parts), ("lhe", lhe_parts),
            ("shape", shape_parts)]
    if "--slow" in argv:
        jobs.append(("study-vbf", vbf_parts))
        jobs.append(("shape-full", shape_full_parts))
    if "--analyses" in argv:
        jobs.append(("analysis", analysis_parts))
        jobs.append(("vbf", vbf_analysis_parts))
        jobs.append(("vbf-splits", vbf_split_parts))
    # the verify job runs last and after README.md is written: its tests read the README the other jobs produced
    verify = "--verify" in argv and (not only or "verify" in only)
    parts = {}
    with tempfile.TemporaryDirectory(prefix="sumbin-readme-") as tmp:
        for name, job in jobs:
            if only and name not in only and not any(p.startswith(name) for p in only):
                continue
            args = [Path(tmp)] if job.__code__.co_argcount == 1 else []
            new = job(*args)
            if only:
                new = {k: v for k, v in new.items() if k in only or name in only}
            for k, (body, st) in new.items():
                if k in parts and callable(body) and callable(parts[k][0]):  # two jobs edit one block
                    first, st0 = parts[k]
                    body, st = (lambda f, g: lambda old: g(f(old)))(first, body), st0 + "; " + st
                parts[k] = (body, st)
            log(f"{name}: {', '.join(new)}")
    write(parts)
    if verify:
        write(verify_parts())
    return 0


def write(parts):
    text = README.read_text(encoding="utf-8")
    updated = replace(text, parts)
    if updated != text:
        README.write_text(updated, encoding="utf-8")
    log(f"README.md: {len(parts)} part(s) regenerated")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
