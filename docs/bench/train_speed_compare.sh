#!/usr/bin/env bash
# Side-by-side training throughput (issue 24 item 3): sumbin bench-train (one or more jars) and the PyTorch
# reference loops (docs/bench/torch_train_bench.py, eager and fused), one thread each, alternating, REPS
# repetitions, each with E1 and E2 epochs. Prints one line per run: impl epochs wall_median_epoch_s
# process_cpu_s training_cpu_s, where training_cpu_s is bench-train's thread_cpu_seconds (CPU of the training
# thread over the whole training: the difference of the E2 and E1 runs over E2 - E1 is the CPU per epoch,
# start-up and engine loading cancel) and, for PyTorch, the median CPU of the training thread per epoch
# after the first (torch.compile is outside the epochs). CPU times are what the load of other processes does
# not inflate (much); the wall-clock medians are for a quiet machine.
#   usage: train_speed_compare.sh REPS PYTHON jar...        (env: E1=2 E2=6 EVENTS=200000)
set -u
reps=$1; py=$2; shift 2
e1=${E1:-2}; e2=${E2:-6}; events=${EVENTS:-200000}
here=$(cd "$(dirname "$0")" && pwd)
run() { # name epochs command...
  local name=$1 ep=$2; shift 2
  local out cpu
  out=$( { /usr/bin/time -f 'CPU %U %S' "$@" 2>&1; } 2>&1 )
  cpu=$(echo "$out" | awk '/^CPU /{print $2+$3}')
  med=$(echo "$out" | grep -o '"median_epoch_seconds": *[0-9.]*' | grep -o '[0-9.]*$')
  tcpu=$(echo "$out" | grep -o '"\(thread_cpu_seconds\|median_epoch_cpu_seconds\)": *[0-9.]*' | grep -o '[0-9.]*$')
  echo "$name $ep $med $cpu ${tcpu:-NA} load=$(cut -d' ' -f1 /proc/loadavg)"
}
for r in $(seq 1 "$reps"); do
  for ep in $e1 $e2; do
    for jar in "$@"; do
      run "sumbin:$(basename "$jar")" "$ep" java -Dai.djl.pytorch.num_threads=1 -jar "$jar" bench-train --events "$events" --epochs "$ep" --warmup 1 --json
    done
    for v in eager fused; do
      run "pytorch-$v" "$ep" "$py" "$here/torch_train_bench.py" --variant "$v" --events "$events" --epochs "$ep" --warmup 1 --json
    done
  done
done
