#!/usr/bin/env bash
# textcluster on this machine: Spark in local mode, a local folder as the lake.
#
#   submit/local.sh run --config conf/examples/bbc_news.conf --run-id demo
#   submit/local.sh --help
#
# Builds the project first when the jar is missing or older than the sources. Works from any directory; relative
# paths in the arguments are taken from where you call it. The master and memory of local mode live only here:
#   TEXTCLUSTER_MASTER        (default local[*])
#   TEXTCLUSTER_DRIVER_MEMORY (default 4g: in local mode the driver JVM is also the executor; cached partitions that
#                              do not fit spill to disk. A million documents: 303.5 s and 4,765 MiB peak RSS at 4g,
#                              294 s and 9,190 MiB at 8g)
#   TEXTCLUSTER_JAVA_OPTS     extra JVM options, e.g. -Xss4m
#   TEXTCLUSTER_CDS=0         no class data sharing archive (see below)
#   TEXTCLUSTER_RUN_SIZE      auto (default), small or large: the JIT and code generation settings (see below)
#   TEXTCLUSTER_DRY_RUN=1     print the java command instead of running it (and do not build)
#
# Spark and Hadoop settings go before the sub-command, as spark-submit takes them: each --conf key=value becomes a
# Spark setting of the job's session (they win over this script's defaults). Object stores are reached this way:
#
#   submit/local.sh \
#     --conf spark.hadoop.fs.s3a.endpoint=http://127.0.0.1:9000 \
#     --conf spark.hadoop.fs.s3a.path.style.access=true \
#     --conf spark.hadoop.fs.s3a.connection.ssl.enabled=false \
#     run --config s3a://my-bucket/jobs/bbc.conf --run-id demo
#
# Credentials come from the standard AWS provider chain (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, ~/.aws,
# instance roles) or from --conf spark.hadoop.fs.s3a.* settings; never put them in the job config. A catalog:
#   submit/local.sh --conf spark.sql.catalogImplementation=hive run --config job.conf --set output.database=textcluster
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# --conf key=value (or --conf=key=value) before the sub-command: Spark settings, as with spark-submit.
SPARK_SETTINGS=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --conf)
      [[ $# -ge 2 ]] || { echo "textcluster: --conf needs key=value, e.g. --conf spark.sql.shuffle.partitions=64" >&2; exit 2; }
      setting="$2"
      shift 2
      ;;
    --conf=*)
      setting="${1#--conf=}"
      shift
      ;;
    *)
      break
      ;;
  esac
  if [[ "$setting" != *=* || "$setting" != spark.* ]]; then
    echo "textcluster: --conf $setting: give a Spark setting as key=value with a key starting 'spark.', e.g." \
      "--conf spark.hadoop.fs.s3a.endpoint=http://127.0.0.1:9000" >&2
    exit 2
  fi
  SPARK_SETTINGS+=("-D$setting")
done
JAR="$ROOT/target/textcluster-app.jar"
# What a cluster brings itself (Spark, Delta) and what the cluster jar leaves out: Spark NLP in its own jar (engine
# spark-nlp) and the macOS/Windows native libraries of ONNX Runtime and the tokenizers.
PROVIDED_CLASSPATH="$ROOT/target/provided-classpath.txt"
SPARK_NLP_JAR="$ROOT/target/textcluster-spark-nlp.jar"
NATIVES_CLASSPATH="$ROOT/target/local-natives-classpath.txt"

needs_build() {
  [[ ! -f "$JAR" || ! -f "$PROVIDED_CLASSPATH" || ! -f "$SPARK_NLP_JAR" || ! -f "$NATIVES_CLASSPATH" ]] && return 0
  [[ -n "$(find "$ROOT/src/main" "$ROOT/pom.xml" "$ROOT/conf/defaults.conf" -newer "$JAR" -print -quit)" ]]
}

if [[ "${TEXTCLUSTER_DRY_RUN:-}" != 1 ]] && needs_build; then
  echo "[textcluster] building the application jar (first run, or sources changed) ..." >&2
  (cd "$ROOT" && mvn -q -B -Dstyle.color=never package -DskipTests) >&2
fi

# Spark 3.5 on Java 17 reaches into JDK internals.
JAVA17_OPENS=(
  --add-opens=java.base/java.lang=ALL-UNNAMED
  --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED
  --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.net=ALL-UNNAMED
  --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
  --add-opens=java.base/sun.nio.cs=ALL-UNNAMED
  --add-opens=java.base/sun.security.action=ALL-UNNAMED
  --add-opens=java.base/sun.util.calendar=ALL-UNNAMED
  -Djdk.reflect.useDirectMethodHandle=false
)

export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
# The classpath files exist once the project is built; a dry run before the first build prints the jars alone.
CLASSPATH_ARG="$JAR:$SPARK_NLP_JAR"
for listed in "$NATIVES_CLASSPATH" "$PROVIDED_CLASSPATH"; do
  [[ -f "$listed" ]] && CLASSPATH_ARG="$CLASSPATH_ARG:$(cat "$listed")"
done
# Class data sharing (issue 20): a JVM start parses and verifies some 15,000 classes of Spark, Delta and the job from
# the jars, seconds of CPU before the first stage. The first run after a build records the classes it loaded into an
# archive (-XX:ArchiveClassesAtExit; a few seconds more at exit); later runs map it (-XX:SharedArchiveFile). The
# archive is named by the classpath and the java binary, and rebuilt when the jar is newer, so it is never stale (a
# JVM that still rejects it runs without it). -Xlog:cds*=off: CDS warns about every old-format class it skips.
CDS_FLAGS=()
CDS_PENDING=""
if [[ "${TEXTCLUSTER_CDS:-1}" != 0 ]]; then
  CDS_KEY="$( { command -v java | xargs readlink -f; echo "$CLASSPATH_ARG"; } | md5sum | cut -c1-12)"
  CDS_ARCHIVE="$ROOT/target/cds/textcluster-$CDS_KEY.jsa"
  if [[ -f "$CDS_ARCHIVE" && "$CDS_ARCHIVE" -nt "$JAR" ]]; then
    CDS_FLAGS=(-XX:SharedArchiveFile="$CDS_ARCHIVE" -Xlog:cds*=off)
  elif [[ "${TEXTCLUSTER_DRY_RUN:-}" != 1 ]] && mkdir -p "$ROOT/target/cds" 2>/dev/null; then
    # Written under a name of this process and moved into place after, so runs at the same time never read half.
    CDS_PENDING="$CDS_ARCHIVE.$$"
    CDS_FLAGS=(-XX:ArchiveClassesAtExit="$CDS_PENDING" -Xlog:cds*=off)
  fi
fi
# A small run (issue 20): `run` on local input files of at most 32 MiB (io.textcluster.cli.LaunchPlan, asked in a
# short JVM of its own, about half a second; TEXTCLUSTER_RUN_SIZE=small or large decides without asking). On two cores
# a 2,000-document run spent 50 of its 78 s of CPU compiling: C2 mostly, much of it on Spark's code generator (Janino),
# query parser and serialisers, for a job whose every loop is short. There the quick compiler (C1) alone, and Spark SQL
# evaluating expressions without generating code, took BBC News from 37-42 s to 28 s. A large run keeps both: its hot
# loops need them.
RUN_SIZE="${TEXTCLUSTER_RUN_SIZE:-auto}"
if [[ "$RUN_SIZE" == auto ]]; then
  RUN_SIZE=large
  if [[ "${TEXTCLUSTER_DRY_RUN:-}" != 1 ]]; then
    PLAN_CDS=()
    [[ -z "$CDS_PENDING" ]] && PLAN_CDS=("${CDS_FLAGS[@]}")
    RUN_SIZE="$(java "${PLAN_CDS[@]}" -XX:TieredStopAtLevel=1 -Xmx256m -cp "$CLASSPATH_ARG" \
      io.textcluster.cli.LaunchPlan "$@" 2>/dev/null || echo large)"
  fi
fi
if [[ "$RUN_SIZE" == small ]]; then
  JIT_FLAGS=(-XX:TieredStopAtLevel=1)
  SIZE_SETTINGS=(-Dspark.sql.codegen.wholeStage=false -Dspark.sql.codegen.factoryMode=NO_CODEGEN)
else
  # The optimising compiler (C2) took 74 s of the 225 s of CPU of a BBC News run (JFR, issue 20), compiling thousands
  # of Spark methods that run only a few thousand times in a short job. Ten times its thresholds leave those to the
  # quick compiler (C1): 161 -> 125 s of CPU, the cluster stage 116 -> 70 s on the loaded 2-core machine; the hot
  # loops of a long run still pass the thresholds within its first seconds.
  JIT_FLAGS=(-XX:Tier4InvocationThreshold=50000 -XX:Tier4MinInvocationThreshold=20000 -XX:Tier4CompileThreshold=60000
    -XX:Tier4BackEdgeThreshold=400000)
  SIZE_SETTINGS=()
fi
# shellcheck disable=SC2206
COMMAND=(java "${JAVA17_OPENS[@]}"
  "${CDS_FLAGS[@]}"
  "${JIT_FLAGS[@]}"
  -Xmx"${TEXTCLUSTER_DRIVER_MEMORY:-4g}"
  -Dspark.master="${TEXTCLUSTER_MASTER:-local[*]}"
  -Dspark.driver.memory="${TEXTCLUSTER_DRIVER_MEMORY:-4g}"
  -Dspark.sql.shuffle.partitions=8
  # Spark sizes its aggregation and sort pages from the heap: 64 MiB at 4 GiB on 2 cores. G1 stores each as one
  # humongous object of 32 contiguous 2 MiB regions; with the caches filling the heap, a million-document run failed
  # to find them ("Failed to allocate a page ... try again", then SparkOutOfMemoryError in the cluster stage, issue 20).
  -Dspark.buffer.pageSize=16m
  # Delta rebuilds a table's state from its log in 50 tasks by default; a local lake's logs are small (issue 20: the
  # report stage ran 419 tasks for 24 jobs on BBC News).
  -Dspark.databricks.delta.snapshotPartitions=2
  # Outside the UTC time zone Delta 3.3 checks its incrementally computed file list against a full rebuild of the
  # table's state after every commit (a debugging check for timestamps before 1883): three Spark jobs per commit of
  # every table. It still checks at each checkpoint (every 10 commits), as it always does in UTC.
  -Dspark.databricks.delta.allFilesInCrc.verificationMode.forceOnNonUTC.enabled=false
  -Dspark.ui.showConsoleProgress=false
  "${SIZE_SETTINGS[@]}"
  -Dlog4j2.configurationFile="$ROOT/conf/log4j2.properties"
  ${TEXTCLUSTER_JAVA_OPTS:-}
  # After the defaults: of two -D settings of one key, Java keeps the last.
  "${SPARK_SETTINGS[@]}"
  -cp "$CLASSPATH_ARG"
  io.textcluster.cli.TextClusterCli "$@")
# glibc gives threads that allocate natively arenas of their own (up to eight per core), each holding on to freed
# memory; Spark's task, shuffle and Netty threads are many. Two arenas keep the resident memory nearer the heap (issue
# 20: the million-document run's peak RSS is measured against scikit-learn's).
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
if [[ "${TEXTCLUSTER_DRY_RUN:-}" == 1 ]]; then
  printf '%q ' "${COMMAND[@]}"
  echo
  exit 0
fi
if [[ -z "$CDS_PENDING" ]]; then
  exec "${COMMAND[@]}"
fi
set +e
"${COMMAND[@]}"
status=$?
if [[ -s "$CDS_PENDING" ]] && mv -f "$CDS_PENDING" "$CDS_ARCHIVE"; then
  # An archive of another classpath or java is of no use any more (about 200 MB each).
  find "$ROOT/target/cds" -name 'textcluster-*.jsa' ! -path "$CDS_ARCHIVE" -delete 2>/dev/null || true
else
  rm -f "$CDS_PENDING"
fi
exit "$status"
