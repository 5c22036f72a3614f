"""Writes the published-style test likelihood (a HEPData-like background-only workspace plus a
signal patch set) used by sumbin's tests and its patch-set benchmark. Deterministic (seeded).

Layout, like an ATLAS SUSY search: 4 one-bin regions (two control, one validation-like control,
one signal region), six background samples, each with an MC-statistics `shapesys`; one of them
(diboson in CR_W) has a relative MC uncertainty of 2.3e-6, i.e. a Poisson auxiliary count of
about 1.9e11. Shared experimental normsys / histosys, per-sample theory normsys, two background
normalisations and lumi. The measurement names the POI `mu_SIG`, which only the signal patches
add (one signal sample per region, normfactor mu_SIG, its own MC-statistics shapesys).

Run:  python3 generate.py   (writes BkgOnly.json and patchset.json beside this script)
"""
import json
import math
import os
import random
import hashlib

rng = random.Random(20261201)
here = os.path.dirname(os.path.abspath(__file__))

channels = ["CR_Top", "CR_W", "SR_high", "VR_mix"]
samples = ["ttbar", "wjets", "zjets", "diboson", "singletop", "fakes"]
base = {
    "CR_Top": [410.0, 55.0, 8.0, 12.0, 38.0, 14.0],
    "CR_W": [70.0, 520.0, 22.0, 12.4, 16.0, 20.0],
    "SR_high": [6.2, 3.1, 1.4, 2.2, 1.1, 0.9],
    "VR_mix": [95.0, 120.0, 18.0, 9.0, 11.0, 16.0],
}
exp_systs = ["JES_%d" % i for i in range(1, 9)] + ["JER", "MET_SoftTrk", "btag_b", "btag_c", "btag_light",
    "EL_ID", "MU_ID", "pileup", "JVT", "EG_RES", "EG_SCALE", "MU_SCALE", "trigger",
    "FT_extrap", "JES_flavour", "JES_pileup", "MET_SoftTrk_Para"]  # 25 shared experimental
shape_like = ["JES_1", "JES_2", "JER"]  # written as histosys (one bin: a shape on a single bin)
theory = {s: ["theo_%s_%s" % (s, k) for k in ("scale", "pdf")] for s in samples}  # 12


def r3(x):
    return float("%.6g" % x)


def sample_modifiers(ch, s, nom, rel_stat):
    mods = []
    if s == "ttbar":
        mods.append({"name": "mu_ttbar", "type": "normfactor", "data": None})
    if s == "wjets":
        mods.append({"name": "mu_W", "type": "normfactor", "data": None})
    if s != "fakes":
        mods.append({"name": "lumi", "type": "lumi", "data": None})
    for k, sy in enumerate(exp_systs):
        if s == "fakes" and sy not in ("EL_ID", "MU_ID"):
            continue
        size = 0.004 + 0.03 * rng.random()
        if rng.random() < 0.5:
            size = -size
        asym = 1 + 0.3 * (rng.random() - 0.5)
        if sy in shape_like:
            mods.append({"name": sy, "type": "histosys",
                         "data": {"hi_data": [r3(nom * (1 + size))], "lo_data": [r3(nom * (1 - size * asym))]}})
        else:
            mods.append({"name": sy, "type": "normsys", "data": {"hi": r3(1 + size), "lo": r3(1 - size * asym)}})
    for th in theory[s]:
        size = 0.02 + 0.08 * rng.random()
        mods.append({"name": th, "type": "normsys", "data": {"hi": r3(1 + size), "lo": r3(1 - 0.8 * size)}})
    mods.append({"name": "mcstat_%s_%s" % (ch, s), "type": "shapesys", "data": [r3(nom * rel_stat)]})
    return mods


def bkg_workspace():
    chans, obs = [], []
    for ch in channels:
        sams = []
        total = 0.0
        for s, nom in zip(samples, base[ch]):
            rel = 0.02 + 0.12 * rng.random() / math.sqrt(max(nom, 1.0)) * 3
            if ch == "CR_W" and s == "diboson":
                rel = 2.3e-6  # the stiff gamma: auxiliary count 1/rel^2 ~ 1.9e11
            sams.append({"name": s, "data": [nom], "modifiers": sample_modifiers(ch, s, nom, rel)})
            total += nom
        chans.append({"name": ch, "samples": sams})
        pull = 0.9 * (rng.random() - 0.5) * 2 * math.sqrt(total)
        obs.append({"name": ch, "data": [float(round(total + pull))]})
    meas = [{"name": "NormalMeasurement", "config": {"poi": "mu_SIG", "parameters": [
        {"name": "lumi", "auxdata": [1.0], "sigmas": [0.017], "bounds": [[0.915, 1.085]], "inits": [1.0]},
        {"name": "mu_ttbar", "bounds": [[0.0, 10.0]], "inits": [1.0]},
        {"name": "mu_W", "bounds": [[0.0, 10.0]], "inits": [1.0]},
    ]}}]
    return {"channels": chans, "observations": obs, "measurements": meas, "version": "1.0.0"}


def signal_patch(ws, m1, m2):
    # signal yield: falls with the heavy mass, rises with the mass splitting
    dm = m1 - m2
    xs = 600.0 * math.exp(-(m1 - 1000.0) / 230.0)
    acc = {"CR_Top": 0.004, "CR_W": 0.003, "SR_high": 0.09 * (1 - math.exp(-dm / 350.0)), "VR_mix": 0.02}
    ops = []
    for ci, ch in enumerate(channels):
        y = r3(xs * acc[ch] + 1e-3)
        mods = [{"name": "mu_SIG", "type": "normfactor", "data": None},
                {"name": "lumi", "type": "lumi", "data": None},
                {"name": "JES_3", "type": "normsys", "data": {"hi": 1.03, "lo": 0.97}},
                {"name": "btag_b", "type": "normsys", "data": {"hi": 1.02, "lo": 0.98}},
                {"name": "theo_sig_acc", "type": "normsys", "data": {"hi": 1.05, "lo": 0.95}},
                {"name": "mcstat_%s_signal" % ch, "type": "shapesys", "data": [r3(y * 0.08)]}]
        ops.append({"op": "add", "path": "/channels/%d/samples/-" % ci,
                    "value": {"name": "signal", "data": [y], "modifiers": mods}})
    return ops


def digest(obj):
    return hashlib.sha256(json.dumps(obj, sort_keys=True, ensure_ascii=False).encode("utf8")).hexdigest()


def main():
    ws = bkg_workspace()
    patches = []
    for m1 in range(1000, 2200, 200):         # 6 values
        for m2 in range(0, 1000, 100):        # 10 values -> 60 points
            if m2 >= m1:
                continue
            patches.append({"metadata": {"name": "GG_%d_%d" % (m1, m2), "values": [m1, m2]},
                            "patch": signal_patch(ws, m1, m2)})
    ps = {"metadata": {"description": "sumbin published-style test patch set (gluino pair, 1-step)",
                       "digests": {"sha256": digest(ws)},
                       "labels": ["m_gluino", "m_neutralino"],
                       "references": {"hepdata": "ins0000000"}},
          "patches": patches, "version": "1.0.0"}
    with open(os.path.join(here, "BkgOnly.json"), "w") as f:
        json.dump(ws, f, indent=1, sort_keys=True)
        f.write("\n")
    with open(os.path.join(here, "patchset.json"), "w") as f:
        json.dump(ps, f, indent=1, sort_keys=True)
        f.write("\n")
    # one HEPData-style single patch file, as `pyhf patchset extract --name` writes it
    with open(os.path.join(here, "patch_GG_1400_600.json"), "w") as f:
        json.dump([p for p in patches if p["metadata"]["name"] == "GG_1400_600"][0]["patch"], f, indent=1, sort_keys=True)
        f.write("\n")
    npar = len({m["name"] for c in ws["channels"] for s in c["samples"] for m in s["modifiers"]})
    print("patches", len(patches), "bkg parameters", npar)


main()
