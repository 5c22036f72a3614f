# JVM flags for starting sumbin.jar, to be sourced by the `sumbin` launcher (POSIX sh; docs/BENCHMARKS.md,
# "Cold start of the command line"). Usage inside the launcher:
#
#   . "$dir/sumbin-jvm.sh"
#   jar=$(sumbin_abs "$jar")                             # one absolute path, used for the archive and -jar
#   exec java $(JAVA=java sumbin_jvm_flags "$jar" "$@") $JAVA_OPTS -jar "$jar" "$@"
#
# examples/cli/bin/sumbin sources this file when it sits beside it (a checkout, or both files installed).
#
# What the flags do:
#   -XX:SharedArchiveFile=<archive> -Xshare:auto   class-data sharing (AppCDS) for sumbin's own classes, Jackson,
#       picocli, networknt: parsed and verified classes are mapped from the archive instead of being read from the
#       jar (`--version` and `fit` of a small workspace: about half the CPU). -Xshare:auto: a missing, stale or
#       unreadable archive is ignored by the JVM without a message, the command runs as without it.
#   -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData   only for the short commands below and `study`: the C1
#       compiler alone (no profiling tier, no C2) and the serial collector (no G1 threads to start) cut the CPU of a
#       sub-second command by about a third; long commands (toys, scans, training, benchmarks, Spark) keep the
#       JVM's defaults, since C2 code is several times faster in their loops.
#
# The archive is built once per jar, in the background, by the first run that finds none (that run and any
# run before the archive is ready start without it): a training run lists the classes that --version, --help,
# fit, hypotest, limit and inspect load (io.sumbin.cli.CdsTraining), then `java -Xshare:dump` writes the
# archive to ${XDG_CACHE_HOME:-~/.cache}/sumbin/sumbin-<key>.jsa. The key is a checksum of the jar's absolute
# path, size and modification time and of the java executable: exactly what the JVM checks before it maps an
# archive (a checksum of the 140 MB jar's content would cost more than the archive saves). SUMBIN_CDS=0 turns
# the archive off; a build that fails leaves sumbin-<key>.failed and is not tried again for that jar and JVM.

# sumbin_abs FILE: FILE as an absolute path.
sumbin_abs() {
  case $1 in
    /*) printf '%s\n' "$1" ;;
    *) printf '%s/%s\n' "$(cd "$(dirname "$1")" && pwd)" "$(basename "$1")" ;;
  esac
}

# sumbin_cds_flags JAR: the archive flags when the archive of this jar (absolute path) and this java exists;
# otherwise nothing, after starting to build it in the background (once; never fails the command).
sumbin_cds_flags() {
  [ "${SUMBIN_CDS:-1}" = 0 ] && return 0
  _java=$(command -v "${JAVA:-java}") || return 0
  _cache=${XDG_CACHE_HOME:-$HOME/.cache}/sumbin
  _key=$(printf '%s %s %s\n' "$1" "$(stat -L -c '%s %Y' "$1" 2>/dev/null)" "$(readlink -f "$_java" 2>/dev/null)" | cksum | cut -d' ' -f1)
  _jsa=$_cache/sumbin-$_key.jsa
  if [ -f "$_jsa" ]; then
    printf '%s\n' "-XX:SharedArchiveFile=$_jsa -Xshare:auto"
    return 0
  fi
  # a build that failed is not retried for this jar and JVM
  [ -f "$_cache/sumbin-$_key.failed" ] && return 0
  mkdir -p "$_cache" 2>/dev/null || return 0
  _lock=$_cache/sumbin-$_key.building
  # a build that died (killed machine) leaves its lock; after 10 minutes it is stale
  find "$_lock" -maxdepth 0 -mmin +10 -exec rm -rf {} + 2>/dev/null
  if mkdir "$_lock" 2>/dev/null; then
    (
      # lambda-proxy entries are left out of the list: OpenJDK 17.0.15 crashes dumping some of them
      # (SystemDictionaryShared::adjust_lambda_proxy_class_dictionary); those few classes load as usual
      if "$_java" -XX:DumpLoadedClassList="$_lock/all.classlist" -cp "$1" io.sumbin.cli.CdsTraining \
        && grep -v '^@lambda-proxy' "$_lock/all.classlist" > "$_lock/classlist" \
        && "$_java" -Xshare:dump -XX:SharedClassListFile="$_lock/classlist" -XX:SharedArchiveFile="$_lock/sumbin.jsa" -cp "$1" \
        && mv "$_lock/sumbin.jsa" "$_jsa"; then
        :
      else
        : > "$_cache/sumbin-$_key.failed"
      fi
      rm -rf "$_lock"
      # archives of jars or JVMs not started for a month (older builds) go
      find "$_cache" -maxdepth 1 -name 'sumbin-*.jsa' -atime +30 -exec rm -f {} + 2>/dev/null
    ) </dev/null >/dev/null 2>&1 &
  fi
  return 0
}

# sumbin_jvm_flags JAR ARGS...: all JVM flags for running sumbin with these arguments.
sumbin_jvm_flags() {
  _jar=$1
  shift
  _first=
  _toys=
  _spark=
  _skip=
  for _a in "$@"; do
    if [ -n "$_skip" ]; then
      _skip=
      continue
    fi
    case $_a in
      --progress | --progress-after) _skip=1 ;;  # the global options that take a value before the command name
      --calc | --calc=* | --ntoys | --ntoys=* | --toys*) _toys=1 ;;
      --engine=spark | spark) _spark=1 ;;
      -*) ;;
      *) [ -z "$_first" ] && _first=$_a ;;
    esac
  done
  _flags=$(sumbin_cds_flags "$_jar")
  # toys (hypotest/limit --calc toys) are long loops: C2 is worth its start-up there
  [ -n "$_toys" ] && _first=toys
  case $_first in
    "" | fit | hypotest | limit | pulls | postfit | gof | inspect | prune | rename | combine | sort | digest | merge | patchset | example)
      _flags="$_flags -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData" ;;
    # a study's cells compile a few models per scan point (thousands of small, different models): C2's
    # compilations of the model compiler and the fitter cost more CPU than their code saves (quadratic-binning
    # 9.2 -> 5.1 s CPU, vbf-binning see docs/BENCHMARKS.md "Long commands"); the same numbers and plots.
    # A study on Spark keeps the defaults (its executors are other JVMs anyway).
    study)
      [ -z "$_spark" ] && _flags="$_flags -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData" ;;
  esac
  printf '%s\n' "$_flags"
}
