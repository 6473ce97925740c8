#!/bin/sh
# Entry point of the local Kafka image (scripts/kafka-image.ts): one KRaft node,
# configured the way the official apache/kafka image is, so one provider drives both.
#
# - every KAFKA_<NAME> variable becomes a server property: in NAME, `___` is `-`,
#   `__` is `_`, `_` is `.`, lower-cased (KAFKA_LOG_DIRS → log.dirs); the variables
#   that configure the JVM rather than the broker are left out, as the official image does;
# - CLUSTER_ID formats the storage (Kafka's own StorageTool), then the broker runs
#   in the foreground as PID 1, logging to stdout;
# - a class-data sharing archive of the broker's classes, made when the image was
#   built, is mapped in when present: a start then takes about a third less time.
#   KAFKA_PROOFS_CLASS_ARCHIVE_AT_EXIT=<file> makes that archive instead (the build does).
set -eu

home=${KAFKA_PROOFS_HOME:-/opt/kafka-proofs}
run=${KAFKA_RUN_DIR:-/tmp/kafka}
java=${JAVA:-java}

if [ -z "${CLUSTER_ID:-}" ]; then
  echo "CLUSTER_ID is not set: give the container a KRaft cluster id (16 random bytes, base64url)." >&2
  exit 2
fi

mkdir -p "$run/data"
props="$run/server.properties"
# The data folder inside the container; an explicit KAFKA_LOG_DIRS, written after it, wins.
echo "log.dirs=$run/data" >"$props"

# Names only: a value may hold '=' or anything else, and is read by name below.
env | sed -n 's/^\(KAFKA_[A-Za-z0-9_]*\)=.*/\1/p' | sort -u | while read -r name; do
  case "$name" in
    KAFKA_VERSION | KAFKA_HEAP_OPTS | KAFKA_LOG4J_OPTS | KAFKA_OPTS | KAFKA_JMX_OPTS | \
      KAFKA_JVM_PERFORMANCE_OPTS | KAFKA_GC_LOG_OPTS | KAFKA_LOG4J_ROOT_LOGLEVEL | \
      KAFKA_LOG4J_LOGGERS | KAFKA_TOOLS_LOG4J_LOGLEVEL | KAFKA_RUN_DIR | KAFKA_PROOFS_HOME | \
      KAFKA_PROOFS_CLASS_ARCHIVE_AT_EXIT) continue ;;
  esac
  key=$(printf '%s' "${name#KAFKA_}" | sed -e 's/___/-/g' -e 's/__/%/g' -e 's/_/./g' -e 's/%/_/g' | tr 'A-Z' 'a-z')
  # The name is [A-Za-z0-9_] only (sed above), so this eval reads a variable and nothing else.
  eval "value=\${$name}"
  # java.util.Properties reads a backslash as an escape.
  printf '%s=%s\n' "$key" "$(printf '%s' "$value" | sed 's/\\/\\\\/g')" >>"$props"
done

# Small heap, serial GC and the client compiler: a test broker holds little data,
# and on two cores these start it about twice as fast as Kafka's defaults.
heap=${KAFKA_HEAP_OPTS:--Xms256m -Xmx1g}
performance=${KAFKA_JVM_PERFORMANCE_OPTS:--XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto -Djava.awt.headless=true}
# Word splitting of the option strings is wanted here, as in Kafka's own start scripts.
# shellcheck disable=SC2086
set -- $heap $performance ${KAFKA_OPTS:-} "-Dlog4j2.configurationFile=$home/log4j2.properties" -cp "$home/libs/*"

# A JVM that finds the archive unusable warns and starts without it: a stale one costs speed, never correctness.
archive=$home/broker.jsa
if [ -n "${KAFKA_PROOFS_CLASS_ARCHIVE_AT_EXIT:-}" ]; then
  share="-XX:ArchiveClassesAtExit=$KAFKA_PROOFS_CLASS_ARCHIVE_AT_EXIT"
  format_share=""
elif [ -f "$archive" ]; then
  share="-XX:SharedArchiveFile=$archive"
  format_share=$share
else
  share=""
  format_share=""
fi

# shellcheck disable=SC2086
"$java" "$@" $format_share kafka.tools.StorageTool format --ignore-formatted --cluster-id="$CLUSTER_ID" --config "$props"
# shellcheck disable=SC2086
exec "$java" "$@" $share kafka.Kafka "$props"
