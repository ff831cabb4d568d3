#!/usr/bin/env bash
# textcluster on this machine: Spark in local mode, a local folder as the lake.
#
#   submit/local.sh run --config conf/examples/bbc_news.conf --run-id demo
#   submit/local.sh --help
#
# Builds the project first when the jar is missing or older than the sources. Works from any directory; relative
# paths in the arguments are taken from where you call it. The master and memory of local mode live only here:
#   TEXTCLUSTER_MASTER        (default local[*])
#   TEXTCLUSTER_DRIVER_MEMORY (default 8g: in local mode the driver JVM is also the executor)
#   TEXTCLUSTER_JAVA_OPTS     extra JVM options, e.g. -Dspark.sql.shuffle.partitions=64
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
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

if needs_build; then
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
# shellcheck disable=SC2086
exec java "${JAVA17_OPENS[@]}" \
  -Xmx"${TEXTCLUSTER_DRIVER_MEMORY:-8g}" \
  -Dspark.master="${TEXTCLUSTER_MASTER:-local[*]}" \
  -Dspark.driver.memory="${TEXTCLUSTER_DRIVER_MEMORY:-8g}" \
  -Dspark.sql.shuffle.partitions=8 \
  -Dspark.ui.showConsoleProgress=false \
  -Dlog4j2.configurationFile="$ROOT/conf/log4j2.properties" \
  ${TEXTCLUSTER_JAVA_OPTS:-} \
  -cp "$JAR:$SPARK_NLP_JAR:$(cat "$NATIVES_CLASSPATH"):$(cat "$PROVIDED_CLASSPATH")" \
  io.textcluster.cli.TextClusterCli "$@"
