#!/usr/bin/env bash
# Builds docs/consumer — a tiny project that depends on sumbin-hist-model + sumbin-pyhf-export through
# sumbin-bom, as the README's "Use as a library" says — against this checkout's artifacts, and checks that
#   1. its runtime classpath holds no DJL / PyTorch / ONNX Runtime and no SLF4J provider,
#   2. every Jackson artifact on it has one and the same version,
#   3. its resolved versions are exactly the ones the reactor builds and tests sumbin-pyhf-export with,
#   4. it fits a pyhf workspace (twice_nll and CLs(μ=1) equal to pyhf's reference to 1e-4) and, with the
#      README's one-line slf4j-nop dependency, prints no "SLF4J" warning;
# and builds docs/consumer-eft — sumbin-eft alone — and checks that it has no DJL/ONNX either and runs the
# README's EFT tour without networks (68 % interval of cHW at 300 fb⁻¹: ±0.0105 within 0.0003, ReadmeTourTest's).
# sumbin's artifacts are installed into a TEMPORARY local repository seeded by copying ~/.m2/repository
# (never into ~/.m2 itself). Needs ../shared beside the checkout and a ~/.m2 filled by one build.
# Usage (from anywhere): docs/consumer-check.sh   — about 1 min; exit 0 when every check passes.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SHARED=${SUMBIN_SHARED:-$ROOT/../shared}
WS=$SHARED/pyhf/workspaces/docs_2bin_1channel.json
REF=$SHARED/pyhf/reference/docs_2bin_1channel.json
TMP=$(mktemp -d /tmp/sumbin-consumer.XXXXXX)
trap 'rm -rf "$TMP"' EXIT
REPO=$TMP/repo
MVN=(mvn -B -o -q -Dmaven.repo.local="$REPO")
fail() { echo "consumer-check: FAIL: $*" >&2; exit 1; }

cp -r "$HOME/.m2/repository" "$REPO"
( cd "$ROOT" && "${MVN[@]}" -DskipTests -Dmaven.javadoc.skip=true -Dmaven.source.skip=true \
    -pl examples/bom,hist-model,pyhf-export,eft -am install )

# what the reactor resolves for sumbin-pyhf-export (runtime), as groupId:artifactId:type[:classifier]:version
norm() { grep -E '^ +[^ ]+:[^ ]+:' "$1" | sed -E 's/^ +//; s/ .*//; s/:(compile|runtime|provided|test|system)$//' | sort -u; }
( cd "$ROOT" && "${MVN[@]}" -pl pyhf-export dependency:list -DincludeScope=runtime -DoutputFile="$TMP/reactor.txt" )

run_consumer() {  # $1 = variant directory, $2 = extra dependency XML (or empty), $3 = project (docs/consumer)
  local dir=$TMP/$1
  cp -r "$ROOT/${3:-docs/consumer}" "$dir"
  python3 - "$dir/pom.xml" "$2" <<'PY'
import sys
p, extra = sys.argv[1], sys.argv[2]
s = open(p, encoding="utf-8").read().replace("<!--SLF4J-->", extra)
open(p, "w", encoding="utf-8").write(s)
PY
  ( cd "$dir" && "${MVN[@]}" compile dependency:list -DincludeScope=runtime -DoutputFile="$dir/deps.txt" \
      dependency:build-classpath -Dmdep.outputFile="$dir/cp.txt" )
  [ "$1" = eft ] && return 0
  ( cd "$dir" && java -cp "target/classes:$(cat cp.txt)" org.example.FitWorkspace "$WS" >"$dir/out.txt" 2>"$dir/err.txt" ) \
    || { cat "$dir/err.txt" >&2; fail "$1: the consumer's fit failed"; }
}

# A: exactly the README's coordinates, nothing else
run_consumer plain ""
norm "$TMP/plain/deps.txt" > "$TMP/plain.list"
echo "consumer classpath (hist-model + pyhf-export via sumbin-bom): $(wc -l < "$TMP/plain.list") jars"
sed 's/^/    /' "$TMP/plain.list"
if grep -E '^(ai\.djl|com\.microsoft\.onnxruntime)' "$TMP/plain.list"; then fail "DJL/ONNX on a pyhf-only classpath"; fi
if grep -E '^(org\.slf4j:slf4j-(nop|simple|jdk14|reload4j)|ch\.qos\.logback|org\.apache\.logging\.log4j:log4j-slf4j)' "$TMP/plain.list"; then
  fail "a library module brings an SLF4J provider"; fi
JV=$(grep -E '^com\.fasterxml\.jackson' "$TMP/plain.list" | awk -F: '{print $NF}' | sort -u)
[ "$(echo "$JV" | wc -l)" -eq 1 ] || fail "several Jackson versions: $(echo $JV)"
echo "Jackson: one version, $JV ($(grep -c '^com\.fasterxml\.jackson' "$TMP/plain.list") artifacts)"
grep -v '^io\.sumbin:sumbin-pyhf-export:' "$TMP/plain.list" > "$TMP/plain.cmp"
norm "$TMP/reactor.txt" > "$TMP/reactor.cmp"
diff "$TMP/reactor.cmp" "$TMP/plain.cmp" >&2 || fail "the consumer resolves other versions than the reactor (diff above: < reactor, > consumer)"
echo "versions: identical to the reactor's sumbin-pyhf-export runtime classpath"

# numbers against pyhf's
read -r TN CLS < <(sed -E 's/twice_nll=([^ ]+) cls=([^ ]+)/\1 \2/' "$TMP/plain/out.txt")
python3 - "$REF" "$TN" "$CLS" <<'PY' || fail "the consumer's numbers differ from pyhf's"
import json, sys
ref = json.load(open(sys.argv[1]))
tn, cls = float(sys.argv[2]), float(sys.argv[3])
TOL = 1e-4
e_tn, e_cls = ref["mle_fit"]["twice_nll"], ref["hypotest_mu1_qtilde"]["CLs_obs"]
print(f"fit: twice_nll {tn:.6f} (pyhf {e_tn:.6f}), CLs(mu=1) {cls:.6f} (pyhf {e_cls:.6f})")
sys.exit(0 if abs(tn - e_tn) < TOL and abs(cls - e_cls) < TOL else 1)
PY
if grep -q SLF4J "$TMP/plain/err.txt"; then
  echo "without a provider the consumer's stderr shows SLF4J's notice (json-schema-validator logs through slf4j-api):"
  sed 's/^/    /' "$TMP/plain/err.txt"
else
  echo "without a provider: no SLF4J notice"
fi

# B: plus the README's one-line fix (slf4j-nop, version from the BOM)
run_consumer nop "<dependency><groupId>org.slf4j</groupId><artifactId>slf4j-nop</artifactId></dependency>"
if grep -q SLF4J "$TMP/nop/err.txt"; then cat "$TMP/nop/err.txt" >&2; fail "an SLF4J warning with slf4j-nop"; fi
[ -s "$TMP/nop/err.txt" ] && { cat "$TMP/nop/err.txt" >&2; fail "unexpected stderr"; }
echo "with slf4j-nop: empty stderr"

# D: the same coordinates WITHOUT the BOM (explicit versions): Jackson must still be one version
mkdir -p "$TMP/nobom"
python3 - "$ROOT/docs/consumer/pom.xml" "$TMP/nobom/pom.xml" <<'PY'
import re, sys
s = open(sys.argv[1], encoding="utf-8").read()
s = re.sub(r"<dependencyManagement>.*?</dependencyManagement>", "", s, flags=re.S)
s = s.replace("<artifactId>sumbin-hist-model</artifactId>", "<artifactId>sumbin-hist-model</artifactId><version>0.1.0-SNAPSHOT</version>")
s = s.replace("<artifactId>sumbin-pyhf-export</artifactId>", "<artifactId>sumbin-pyhf-export</artifactId><version>0.1.0-SNAPSHOT</version>")
open(sys.argv[2], "w", encoding="utf-8").write(s)
PY
( cd "$TMP/nobom" && "${MVN[@]}" dependency:list -DincludeScope=runtime -DoutputFile="$TMP/nobom/deps.txt" )
JV=$(norm "$TMP/nobom/deps.txt" | grep -E '^com\.fasterxml\.jackson' | awk -F: '{print $NF}' | sort -u)
[ "$(echo "$JV" | wc -l)" -eq 1 ] || fail "without the BOM: several Jackson versions: $(echo $JV)"
echo "without the BOM (explicit versions): Jackson still one version, $JV"

# C: sumbin-eft alone (EFT without networks)
run_consumer eft "" docs/consumer-eft
norm "$TMP/eft/deps.txt" > "$TMP/eft.list"
echo "sumbin-eft consumer: $(wc -l < "$TMP/eft.list") jars"
if grep -E '^(ai\.djl|com\.microsoft\.onnxruntime)' "$TMP/eft.list"; then fail "DJL/ONNX on sumbin-eft's classpath"; fi
JV=$(grep -E '^com\.fasterxml\.jackson' "$TMP/eft.list" | awk -F: '{print $NF}' | sort -u)
[ "$(echo "$JV" | wc -l)" -eq 1 ] || fail "sumbin-eft: several Jackson versions: $(echo $JV)"
LHE=$SHARED/data/lhe
( cd "$TMP/eft" && java -cp "target/classes:$(cat cp.txt)" org.example.EftFit \
    "$LHE/smeftsim_VBFH-1.lhe.gz" "$LHE/smeftsim_VBFH-2.lhe.gz" "$LHE/smeftsim_VBFH-3.lhe.gz" >out.txt 2>err.txt ) \
  || { cat "$TMP/eft/err.txt" >&2; fail "the EFT fit without DJL failed"; }
[ -s "$TMP/eft/err.txt" ] && { cat "$TMP/eft/err.txt" >&2; fail "sumbin-eft: unexpected stderr"; }
read -r CONV LO HI < <(sed -E 's/converged=([^ ]+) interval68=([^ ]+) ([^ ]+)/\1 \2 \3/' "$TMP/eft/out.txt")
python3 - "$CONV" "$LO" "$HI" <<'PY' || fail "sumbin-eft: the interval differs from ReadmeTourTest's"
import sys
TOL = 0.0003
conv, lo, hi = sys.argv[1] == "true", float(sys.argv[2]), float(sys.argv[3])
print(f"EFT fit without DJL: cHW 68% interval [{lo:.5f}, {hi:.5f}] (expected ±0.0105 within {TOL}), empty stderr")
sys.exit(0 if conv and abs(lo + 0.0105) < TOL and abs(hi - 0.0105) < TOL else 1)
PY
echo "consumer-check: OK"
