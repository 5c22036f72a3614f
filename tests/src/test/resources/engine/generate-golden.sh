#!/usr/bin/env bash
# Writes the reference outputs of EngineGoldenTest with a given sumbin.jar (they were written with the
# jar of commit 64f5fcf, before the work-runner refactoring, so the tests show that the default engine
# still gives today's numbers bit for bit; study.json was rewritten with the jar of fad5bbb, also before
# the work-runner merge, when the study table gained its Fisher-information errors, format_version 2). Usage: generate-golden.sh SUMBIN.jar [SHARED_DIR]
set -euo pipefail
JAR=$(realpath "$1")
HERE=$(cd "$(dirname "$0")" && pwd)
SHARED=$(realpath "${2:-$HERE/../../../../../../shared}")
W=$SHARED/pyhf/workspaces
OUT=$HERE/golden
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
mkdir -p "$OUT"
s() { java -jar "$JAR" "$@"; }
cd "$TMP"
s toys "$W/synthetic_5ch_8bin_allmods.json" --poi-value 1 --ntoys 12 --seed 11 --threads 2 --out toys5.jsonl --json > "$OUT/toys-synthetic.json"
sort toys5.jsonl > "$OUT/toys-synthetic.sorted.jsonl"
s toys "$W/val_1bin_shapesys.json" --poi-value 1 --ntoys 150 --seed 5 --threads 2 --out toys1.jsonl --json > "$OUT/toys-shapesys.json"
sort toys1.jsonl > "$OUT/toys-shapesys.sorted.jsonl"
s hypotest "$W/val_2bin_histosys_example2.json" --poi-value 1 --calc toys --ntoys 150 --seed 3 --threads 2 --json > "$OUT/hypotest-toys.json"
s belt "$W/val_1bin_shapesys.json" --range 0:3:7 --ntoys 100 --seed 2 --threads 2 --json > "$OUT/belt.json"
s belt "$HERE/counting4.json" --range 0:8:17 --cl 0.9 --exact --threads 2 --json > "$OUT/belt-exact.json"
s coverage "$W/val_1bin_shapesys.json" --poi-value 1 --ntoys 16 --inner-toys 40 --seed 4 --threads 2 --json > "$OUT/coverage.json"
s example family --out fam --points 11 --json > /dev/null
s family scan fam/family.json --threads 2 --json > "$OUT/family-scan.json"
s family limits fam/family.json --threads 2 --json > "$OUT/family-limits.json"
s family belt fam/family.json --ntoys 40 --seed 3 --threads 2 --json > "$OUT/family-belt.json"
s patchset cls "$HERE/../published/BkgOnly.json" "$HERE/../published/patchset.json" --threads 2 --json > "$OUT/patchset-cls.json"
s study "$HERE/mini-study.json" --out study --threads 2 --quiet --json > /dev/null
cp study/study.json "$OUT/study.json"
echo "wrote $(ls "$OUT" | wc -l) files into $OUT"
