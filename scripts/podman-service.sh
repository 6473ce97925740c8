#!/usr/bin/env bash
# A Docker-API engine for machines without Docker: podman's API service on a
# socket of its own, which testcontainers drives as it would Docker.
#
#   eval "$(scripts/podman-service.sh start DIR)"   install what is missing, start the service,
#                                                    print the environment to export
#   scripts/podman-service.sh stop DIR               remove our containers, stop the service,
#                                                    check that nothing is left
#   scripts/podman-service.sh check                  only the check (exit 1 if something is left)
#
# DIR is an empty folder this script may fill (socket, config, log) and removes on stop.
# Messages go to stderr; stdout carries only the `export` lines, for eval.
set -euo pipefail

# From the containers we start (src/broker/container-config.ts) and from testcontainers itself.
OUR_LABEL=kafka-consumer-group-proofs
TESTCONTAINERS_LABEL=org.testcontainers
# podman, its rootful network stack and the OCI runtime that works with hybrid cgroups;
# debootstrap builds the local Kafka image (scripts/kafka-image.ts).
PACKAGES=(podman uidmap slirp4netns fuse-overlayfs crun netavark aardvark-dns iptables runc debootstrap curl)

say() { echo "podman-service: $*" >&2; }
fail() { say "$*"; exit 1; }

usage() {
  fail "usage: $0 start DIR | stop DIR | check"
}

install_missing() {
  local missing=()
  for package in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return
  if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
    fail "missing: ${missing[*]}. Install them (Debian/Ubuntu: sudo apt-get install -y ${missing[*]}) and run again."
  fi
  say "installing ${missing[*]}"
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >&2
}

# A limit podman may give a container: no more than the podman process itself has, which is
# the machine's hard limit, capped at `cap`; nothing when unlimited (podman's default then works).
ulimit_entry() {
  local name=$1 hard=$2 cap=$3
  [ "$hard" = unlimited ] && return
  [ "$hard" -gt "$cap" ] && hard=$cap
  printf '"%s=%s:%s"' "$name" "$hard" "$hard"
}

# Settings for this service only (CONTAINERS_CONF), so the machine's own podman config is untouched:
# - podman's default ulimits (1048576) exceed a VM's hard limits, and such a container fails to start
#   ("error setting rlimit ... operation not permitted"); podman 4.3 itself runs with at most 32768
#   processes, so that is the most a container can be given;
# - crun refuses hybrid cgroup v1/v2 hosts, runc runs on both.
write_config() {
  local conf=$1 limits
  limits=$(printf '%s\n' "$(ulimit_entry nofile "$(ulimit -Hn)" 1048576)" "$(ulimit_entry nproc "$(ulimit -Hu)" 32768)" | grep . | paste -sd, -)
  {
    echo "[containers]"
    [ -n "$limits" ] && echo "default_ulimits = [$limits]"
    echo "[engine]"
    echo 'runtime = "runc"'
  } >"$conf"
}

ping_socket() {
  curl -sf --max-time 2 --unix-socket "$1" http://localhost/_ping >/dev/null 2>&1
}

start() {
  local dir=$1
  install_missing
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  local socket="$dir/podman.sock"
  [ -e "$dir/service.pid" ] && fail "$dir already has a service (service.pid); stop it first: $0 stop $dir"
  write_config "$dir/containers.conf"
  # setsid: the service leads its own session, so Ctrl-C in the caller's terminal does not reach it
  # before the caller has stopped its containers.
  CONTAINERS_CONF="$dir/containers.conf" setsid podman system service --time=0 "unix://$socket" \
    </dev/null >"$dir/service.log" 2>&1 &
  echo $! >"$dir/service.pid"
  for _ in $(seq 1 100); do
    ping_socket "$socket" && break
    kill -0 "$(cat "$dir/service.pid")" 2>/dev/null || break
    sleep 0.2
  done
  if ! ping_socket "$socket"; then
    tail -n 20 "$dir/service.log" >&2 || true
    stop "$dir" || true
    fail "podman's API service did not answer on $socket (its log is above)."
  fi
  say "podman $(podman --version | awk '{print $3}') serves the Docker API on unix://$socket"
  # Ryuk's image is pulled from a registry, and container cleanup is done by the project itself;
  # with the host given, testcontainers does not start a helper container to find it.
  echo "export DOCKER_HOST=unix://$socket"
  echo "export TESTCONTAINERS_RYUK_DISABLED=true"
  echo "export TESTCONTAINERS_HOST_OVERRIDE=localhost"
}

# Containers, pods and networks that ours or testcontainers' would be; one per line.
leftovers() {
  command -v podman >/dev/null || return 0
  podman ps -a --filter "label=$OUR_LABEL" --format 'container {{.ID}} {{.Image}} {{.Status}}'
  podman ps -a --filter "label=$TESTCONTAINERS_LABEL" --format 'container {{.ID}} {{.Image}} {{.Status}}'
  podman pod ls --format 'pod {{.ID}} {{.Name}}'
  podman network ls --filter "label=$TESTCONTAINERS_LABEL" --format 'network {{.Name}}'
}

remove_ours() {
  command -v podman >/dev/null || return 0
  local ids
  ids=$( (podman ps -aq --filter "label=$OUR_LABEL"; podman ps -aq --filter "label=$TESTCONTAINERS_LABEL") | sort -u)
  [ -n "$ids" ] && { say "removing containers: $(echo $ids)"; podman rm -f $ids >/dev/null; }
  local networks
  networks=$(podman network ls -q --filter "label=$TESTCONTAINERS_LABEL")
  [ -n "$networks" ] && { say "removing networks: $(echo $networks)"; podman network rm -f $networks >/dev/null; }
  return 0
}

stop_service() {
  local dir=$1 pid
  [ -f "$dir/service.pid" ] || return 0
  pid=$(cat "$dir/service.pid")
  # Only the process this script started, and only if it is still that service.
  if kill -0 "$pid" 2>/dev/null && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q "system service"; then
    kill -TERM "$pid"
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
  fi
  rm -f "$dir/service.pid"
}

check() {
  local found service=""
  found=$(leftovers)
  if [ -n "${1:-}" ]; then
    pgrep -f "podman system service --time=0 unix://$1/podman.sock" >/dev/null && service="the service on $1/podman.sock still runs"
  fi
  if [ -n "$found" ] || [ -n "$service" ]; then
    say "left behind:"
    [ -n "$found" ] && echo "$found" >&2
    [ -n "$service" ] && echo "$service" >&2
    return 1
  fi
  say "nothing left behind: no service, container, pod or network of ours"
}

stop() {
  local dir=$1
  [ -d "$dir" ] || fail "$dir does not exist; give the folder that start was given."
  dir=$(cd "$dir" && pwd)
  # The service first serves the removals, then goes: podman rm works without it, but is quicker with.
  remove_ours
  stop_service "$dir"
  local result=0
  check "$dir" || result=1
  rm -rf "$dir"
  return $result
}

case "${1:-}" in
  start) [ $# -eq 2 ] || usage; start "$2" ;;
  stop) [ $# -eq 2 ] || usage; stop "$2" ;;
  check) [ $# -eq 1 ] || usage; check ;;
  *) usage ;;
esac
