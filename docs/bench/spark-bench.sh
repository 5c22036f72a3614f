#!/usr/bin/env bash
# Issue 14 benchmark: threads vs Spark local[1], local[2] and a two-worker standalone cluster on localhost.
# Usage (from the worktree root, after `mvn -B -q -DskipTests package`): docs/bench/spark-bench.sh [NTOYS] [STUDY]
# Writes timings to stdout; the numbers in docs/BENCHMARKS.md come from it.
set -euo pipefail
NTOYS=${1:-10000}
STUDY=${2:-examples/studies/vbf-binning.json}
WS=../shared/pyhf/workspaces/bp_meff_ttbar_cr_sr_vr.json
JAR=$PWD/examples/cli/target/sumbin.jar
B=$(mktemp -d /tmp/sumbin-spark-bench.XXXX)
trap 'kill $(cat $B/*.pid 2>/dev/null) 2>/dev/null || true; sleep 1; rm -rf $B' EXIT
# a SPARK_HOME made of Spark's core at the versions Spark pins, as a distribution has them (the examples/spark-dist module copies
# them to examples/spark-dist/target/spark-jars during the package build; any Spark 3.5 for Scala 2.13 does as well)
SPARK_JARS=$PWD/examples/spark-dist/target/spark-jars
[ -d "$SPARK_JARS" ] || { echo "no $SPARK_JARS: run mvn -B -q -DskipTests package first" >&2; exit 1; }
mkdir -p $B/home/jars $B/home/conf $B/logs $B/w1 $B/w2 $B/local
for j in "$SPARK_JARS"/*.jar; do ln -s "$j" $B/home/jars/; done
printf 'rootLogger.level = warn\nrootLogger.appenderRef.stderr.ref = console\nappender.console.type = Console\nappender.console.name = console\nappender.console.target = SYSTEM_ERR\nappender.console.layout.type = PatternLayout\nappender.console.layout.pattern = %%d %%p %%c{1}: %%m%%n\n' > $B/home/conf/log4j2.properties
OPENS=$(sed -n 's:.*<spark.java17.opens>\(.*\)</spark.java17.opens>.*:\1:p' pom.xml | head -1)
export SPARK_HOME=$B/home SPARK_CONF_DIR=$B/home/conf SPARK_SCALA_VERSION=2.13 SPARK_LOCAL_IP=127.0.0.1 SPARK_LOCAL_DIRS=$B/local OPT_OUT_TRACKING=true
SCP="$B/home/conf:$B/home/jars/*"
t() { local label=$1; shift; local s=$(date +%s.%N); "$@" > $B/out.txt 2> $B/err.txt || { cat $B/err.txt >&2; exit 1; }
      printf '%-34s %8.1f s\n' "$label" "$(echo "$(date +%s.%N) - $s" | bc)"; }
sumbin_local() { java $OPENS -cp "$SCP:$JAR" io.sumbin.cli.Main "$@"; }
submit() { java -Xmx1g $OPENS -cp "$SCP" org.apache.spark.deploy.SparkSubmit --master spark://127.0.0.1:17177 --class io.sumbin.cli.Main \
  --conf spark.ui.enabled=false --conf spark.driver.host=127.0.0.1 --conf spark.executor.memory=1g $JAR "$@"; }

echo "== per-task overhead (empty tasks)"
for m in 'local[1]' 'local[2]'; do java $OPENS -cp "$SCP" docs/bench/SparkTaskOverhead.java "$m" 2000 2>/dev/null; done

echo "== start-up: 1 toy"
t "threads(2)" java -jar $JAR toys $WS --poi-value 1 --ntoys 1 --seed 1 --out $B/s0.jsonl --json
t "spark local[2]" sumbin_local toys $WS --poi-value 1 --ntoys 1 --seed 1 --out $B/s1.jsonl --json --engine spark --master 'local[2]'

echo "== $NTOYS toys of bp_meff_ttbar_cr_sr_vr"
t "threads(1)" java -jar $JAR toys $WS --poi-value 1 --ntoys $NTOYS --seed 1 --threads 1 --out $B/t1.jsonl --json
t "threads(2)" java -jar $JAR toys $WS --poi-value 1 --ntoys $NTOYS --seed 1 --threads 2 --out $B/t2.jsonl --json
t "spark local[1]" sumbin_local toys $WS --poi-value 1 --ntoys $NTOYS --seed 1 --out $B/l1.jsonl --json --engine spark --master 'local[1]'
t "spark local[2]" sumbin_local toys $WS --poi-value 1 --ntoys $NTOYS --seed 1 --out $B/l2.jsonl --json --engine spark --master 'local[2]'

echo "== study $STUDY"
t "threads(1)" java -jar $JAR study $STUDY --threads 1 --out $B/st1 --quiet --json
t "threads(2)" java -jar $JAR study $STUDY --threads 2 --out $B/st2 --quiet --json
t "spark local[1]" sumbin_local study $STUDY --out $B/sl1 --quiet --json --engine spark --master 'local[1]'
t "spark local[2]" sumbin_local study $STUDY --out $B/sl2 --quiet --json --engine spark --master 'local[2]'

echo "== two-worker standalone cluster on localhost (1 core each)"
(java -Xmx256m $OPENS -cp "$SCP" org.apache.spark.deploy.master.Master --host 127.0.0.1 --port 17177 --webui-port 18177 > $B/logs/master.log 2>&1 & echo $! > $B/master.pid)
sleep 5
for k in 1 2; do (java -Xmx256m $OPENS -cp "$SCP" org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --cores 1 --memory 2g \
  --work-dir $B/w$k --webui-port 0 spark://127.0.0.1:17177 > $B/logs/worker$k.log 2>&1 & echo $! > $B/worker$k.pid); done
until curl -s http://127.0.0.1:18177/json/ | grep -q '"aliveworkers" : 2'; do sleep 1; done
java $OPENS -cp "$SCP" docs/bench/SparkTaskOverhead.java spark://127.0.0.1:17177 2000 2>/dev/null
t "cluster: 1 toy" submit toys $WS --poi-value 1 --ntoys 1 --seed 1 --out $B/c0.jsonl --json --engine spark
t "cluster: $NTOYS toys" submit toys $WS --poi-value 1 --ntoys $NTOYS --seed 1 --out $B/c2.jsonl --json --engine spark
t "cluster: study" submit study $PWD/$STUDY --out $B/sc --quiet --json --engine spark

echo "== identical outputs"
for f in t2 l1 l2 c2; do cmp <(sort $B/t1.jsonl) <(sort $B/$f.jsonl) && echo "toys $f = threads(1)"; done
for d in st2 sl1 sl2 sc; do
  python3 -c "import json,sys
def r(p):
    d=json.load(open(p)); d.pop('run',None)
    for x in d['rows']: x.pop('wall_seconds',None); x.pop('check',None)
    return d
sys.exit(r(sys.argv[1])!=r(sys.argv[2]))" $B/st1/study.json $B/$d/study.json \
    && echo "study $d = threads(1)"; done
