#!/usr/bin/env python3
"""pyhf's asymptotic CLs (q-tilde, mu = 1, expected band) for every per-point workspace an export wrote.

Usage: pyhf_crosscheck.py DIR OUT.json
DIR holds point_NNN.json (sumbin's per-point pyhf workspaces, e.g. `sumbin analysis run A.json --out X`
writes X/pyhf). The numbers go into OUT.json with pyhf's version; tests compare sumbin's CLs with them.
Needs pyhf and iminuit. Here: pyhf from its public source tree with Debian's python3-numpy, -scipy,
-jsonschema, -jsonpatch, -click, -tqdm, -yaml, -rich and -iminuit:
  PYTHONPATH=pyhf/src /usr/bin/python3 docs/bench/pyhf_crosscheck.py OUT/pyhf pyhf_cls.json
"""
import glob
import json
import os
import sys

import pyhf
from pyhf.optimize.opt_minuit import minuit_optimizer


class TolerantMinuit(minuit_optimizer):
    """MINUIT (strategy 2) that returns its minimum even when MINUIT flags it as not 'valid'.

    pyhf's default optimizer (scipy SLSQP with the numpy backend's finite-difference gradients) stops up to
    0.015 above the minimum of 2 NLL on the flat per-point likelihoods of EFT families (e.g. mu = 0.99 instead
    of 0 on Asimov data of mu = 0), which moves CLs by up to 0.4; MINUIT reaches the minimum, but its EDM
    criterion is often not met on parameters at a bound, which pyhf turns into FailedMinimization.
    """

    def _minimize(self, *args, **kwargs):
        result = super()._minimize(*args, **kwargs)
        result.success = True
        return result


def main(directory, out):
    pyhf.set_backend("numpy", TolerantMinuit(strategy=2, tolerance=1e-6))
    rows = []
    for path in sorted(glob.glob(os.path.join(directory, "point_*.json"))):
        with open(path) as f:
            ws = pyhf.Workspace(json.load(f))
        model = ws.model()
        data = ws.data(model)
        cls_obs, cls_exp = pyhf.infer.hypotest(1.0, data, model, test_stat="qtilde", return_expected_set=True)
        rows.append({"file": os.path.basename(path), "cls_obs": float(cls_obs), "cls_exp": [float(c) for c in cls_exp]})
    with open(out, "w") as f:
        json.dump({"pyhf_version": pyhf.__version__, "backend": "numpy", "optimizer": "minuit (strategy 2, tolerance 1e-6)",
                   "test_stat": "qtilde", "poi_value": 1.0, "points": rows}, f, indent=1)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
