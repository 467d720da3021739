#!/usr/bin/env bash
# Hadoop's mini-cluster, HDFS and YARN in one JVM, for trying `spark-submit --master yarn` on one machine
# (YarnHdfsIT runs it). Assembled from Maven Central by jobs/hadoop-minicluster/pom.xml on first use.
#
#   jobs/hadoop-minicluster.sh WORK_DIR [NODE_MANAGERS [--until-stdin-closes]]
#
# Keeps its data and logs under WORK_DIR, writes WORK_DIR/conf/{core,hdfs,yarn}-site.xml (use it as
# HADOOP_CONF_DIR), prints "READY <hdfs uri> <resourcemanager address>" and runs until interrupted or killed
# (Ctrl-C, kill), or with --until-stdin-closes until its standard input closes (YarnHdfsIT). Containers get
# 12 GB and 4 vcores in all (MOATWATCH_NM_MEMORY_MB to change it).
set -euo pipefail
JOBS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
WORK="${1:?usage: jobs/hadoop-minicluster.sh WORK_DIR [NODE_MANAGERS [--until-stdin-closes]]}"
NODES="${2:-1}"
UNTIL="${3:-}"
source "$JOBS_DIR/lib/runtimes.sh"
LIB="$(moatwatch_runtime minicluster)"
# The NodeManager starts containers with $JAVA_HOME/bin/java.
if [[ -z "${JAVA_HOME:-}" ]]; then
  JAVA_HOME="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
  export JAVA_HOME
fi
mkdir -p "$WORK"
WORK="$(cd "$WORK" && pwd)"
cd "$WORK" # MiniYARNCluster keeps its directories under ./target
exec "$JAVA_HOME/bin/java" -Xmx1g \
  --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.reflect=ALL-UNNAMED \
  --add-opens=java.base/java.io=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED \
  --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED \
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED \
  -Dnm.memory.mb="${MOATWATCH_NM_MEMORY_MB:-12288}" \
  -Dlog4j.configuration="file:$JOBS_DIR/hadoop-minicluster/log4j.properties" \
  -cp "$LIB/*" "$JOBS_DIR/hadoop-minicluster/MiniCluster.java" "$WORK" "$NODES" ${UNTIL:+"$UNTIL"}
