#!/bin/bash
# The long commands of issue 24, whole process, the current jar then BEFORE.jar for each command (run it on a quiet
# machine from the project root; ../shared beside it). Prints: command jar wall CPU load.
#   usage: docs/bench/long_commands.sh BEFORE.jar
set -u
before=$1
after=examples/cli/target/sumbin.jar
L=../shared/data/lhe
t() {
  local name=$1 jar=$2; shift 2
  rm -rf /tmp/lb-out
  { /usr/bin/time -f "%e %U %S" java -jar "$jar" "$@" --out /tmp/lb-out > /dev/null 2> /tmp/lb-err; } 2>&1
  echo "$name $(basename "$jar") $(tail -1 /tmp/lb-err | awk '{printf "wall %.1f s cpu %.1f s", $1, $2+$3}') load=$(cut -d' ' -f1 /proc/loadavg)"
}
for rep in 1 2; do
  for jar in "$after" "$before"; do t quadratic "$jar" study examples/studies/quadratic-binning.json --json --quiet; done
done
for jar in "$after" "$before"; do t vbf-binning "$jar" study examples/studies/vbf-binning.json --json --quiet; done
for jar in "$after" "$before"; do t demo "$jar" demo --json; done
for jar in "$after" "$before"; do
  t vbf "$jar" vbf $L/smeftsim_VBFH-1.lhe.gz $L/smeftsim_VBFH-2.lhe.gz --test $L/smeftsim_VBFH-3.lhe.gz --json
done
