#!/usr/bin/env bash
# A Docker-API engine for machines without Docker: podman's API service on a
# socket of its own, which testcontainers drives as it would Docker.
#
#   eval "$(scripts/podman-service.sh start DIR)"   install what is missing, start the service,
#                                                    print the environment to export
#   scripts/podman-service.sh stop DIR               remove this service's containers and networks,
#                                                    stop the service, check that nothing of it is left
#   scripts/podman-service.sh check                  exit 1 if a container of this project is left
#
# DIR is an empty folder this script may fill (socket, config, log, id) and removes on stop.
# Messages go to stderr; stdout carries only the `export` lines, for eval.
#
# podman is shared with whoever else uses it on the machine: their containers, networks and pods,
# other projects' testcontainers, another run's brokers. stop removes only what carries this
# service's label, which each broker container gets from the exported KAFKA_PROOFS_PODMAN_SERVICE.
# Set PODMAN_SERVICE_NO_INSTALL=1 to fail rather than install what is missing.
set -euo pipefail

# From the containers we start (src/broker/container-config.ts: CONTAINER_LABEL, SERVICE_LABEL, SERVICE_VARIABLE).
OUR_LABEL=kafka-consumer-group-proofs
SERVICE_LABEL=$OUR_LABEL.service
SERVICE_VARIABLE=KAFKA_PROOFS_PODMAN_SERVICE
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
  if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null || [ -n "${PODMAN_SERVICE_NO_INSTALL:-}" ]; then
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
  local service
  service=$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')
  echo "$service" >"$dir/service.id"
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
  echo "export $SERVICE_VARIABLE=$service"
}

# The filter for what this service's runs made, or for anything of this project without a DIR.
# Nothing (so nothing is removed) for a DIR without an id.
our_filter() {
  if [ -z "${1:-}" ]; then
    echo "label=$OUR_LABEL"
  elif [ -s "$1/service.id" ]; then
    echo "label=$SERVICE_LABEL=$(cat "$1/service.id")"
  fi
}

# Containers and networks of ours, one per line.
leftovers() {
  command -v podman >/dev/null || return 0
  local filter
  filter=$(our_filter "${1:-}")
  [ -n "$filter" ] || return 0
  podman ps -a --filter "$filter" --format 'container {{.ID}} {{.Image}} {{.Status}}'
  podman network ls --filter "$filter" --format 'network {{.Name}}'
}

remove_ours() {
  local dir=$1 filter ids networks
  command -v podman >/dev/null || return 0
  filter=$(our_filter "$dir")
  [ -n "$filter" ] || return 0
  ids=$(podman ps -aq --filter "$filter")
  [ -n "$ids" ] && { say "removing containers: $(echo $ids)"; podman rm -f $ids >/dev/null; }
  networks=$(podman network ls -q --filter "$filter")
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
  found=$(leftovers "${1:-}")
  if [ -n "${1:-}" ]; then
    pgrep -f "podman system service --time=0 unix://$1/podman.sock" >/dev/null && service="the service on $1/podman.sock still runs"
  fi
  if [ -n "$found" ] || [ -n "$service" ]; then
    say "left behind:"
    [ -n "$found" ] && echo "$found" >&2
    [ -n "$service" ] && echo "$service" >&2
    return 1
  fi
  say "nothing left behind: no service, container or network of ours"
}

stop() {
  local dir=$1
  [ -d "$dir" ] || fail "$dir does not exist; give the folder that start was given."
  dir=$(cd "$dir" && pwd)
  # The service first serves the removals, then goes: podman rm works without it, but is quicker with.
  remove_ours "$dir"
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
