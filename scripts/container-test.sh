#!/usr/bin/env bash
# Builds the ocp-mock image from the Dockerfile as written, starts it with the image's own
# entrypoint, command and user, and checks it as a demo environment would use it: the health-check
# command, POST batchStopAgents through the port, the dashboard opened from another address with
# the token the container printed (refused without it), and a clean stop on SIGTERM.
#
# With a Docker engine it uses Docker. Without one (our build machines: no engine, no image
# registry) it uses Debian's podman and buildah: a local base image tagged node:20-slim, made from
# Debian bookworm (debootstrap --variant=minbase) and this machine's own Node 20, npm and CA bundle;
# `podman build --pull=never --isolation=chroot`; and the image run through
# `buildah run --isolation=chroot --network=host` (plain `podman run` fails on these machines'
# cgroups). Skips, saying why, only where neither Docker nor podman can be had.
set -euo pipefail
cd "$(dirname "$0")/.."
IMAGE=localhost/ocp-mock:ci
PORT=8080
work=$(mktemp -d)
log() { echo "container-test: $*"; }
fail() { echo "container-test: FAILED: $*" >&2; exit 1; }

# --- the engine -------------------------------------------------------------------------------
engine=""
if command -v docker >/dev/null && docker info >/dev/null 2>&1; then
  engine=docker
else
  if ! command -v podman >/dev/null || ! command -v buildah >/dev/null || ! command -v debootstrap >/dev/null; then
    log "installing podman, buildah and debootstrap from Debian"
    if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq podman buildah debootstrap iproute2 curl >/dev/null; }; then
      log "SKIPPED: neither Docker nor podman could be installed here"
      exit 0
    fi
  fi
  engine=podman
  # Layers stored as plain copies: overlay mounts are not to be had inside this sandbox.
  export STORAGE_DRIVER=vfs BUILDAH_ISOLATION=chroot
fi
log "engine: $engine"

# --- a local node:20-slim for podman ------------------------------------------------------------
if [ "$engine" = podman ] && ! podman image exists docker.io/library/node:20-slim; then
  log "making node:20-slim from Debian bookworm (minbase) and this machine's Node $(node --version)"
  rootfs="$work/rootfs"
  debootstrap --variant=minbase bookworm "$rootfs" http://deb.debian.org/debian >"$work/debootstrap.log" 2>&1 || { tail -20 "$work/debootstrap.log"; fail "debootstrap"; }
  node_bin=$(readlink -f "$(command -v node)")
  npm_dir=$(dirname "$(dirname "$(readlink -f "$(command -v npm)")")")
  install -D -m 0755 "$node_bin" "$rootfs/usr/local/bin/node"
  mkdir -p "$rootfs/usr/local/lib/node_modules"
  cp -a "$npm_dir" "$rootfs/usr/local/lib/node_modules/npm"
  ln -sf ../lib/node_modules/npm/bin/npm-cli.js "$rootfs/usr/local/bin/npm"
  ln -sf ../lib/node_modules/npm/bin/npx-cli.js "$rootfs/usr/local/bin/npx"
  # The registry is reached through this machine's TLS-inspecting egress: its CA bundle goes along.
  install -D -m 0644 /etc/ssl/certs/ca-certificates.crt "$rootfs/etc/ssl/certs/ca-certificates.crt"
  # The official image's user.
  chroot "$rootfs" groupadd --gid 1000 node
  chroot "$rootfs" useradd --uid 1000 --gid node --shell /bin/bash --create-home node
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
  tar -C "$rootfs" -c . | podman import \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt' \
    --change 'CMD ["node"]' - docker.io/library/node:20-slim >/dev/null 2>&1
fi

# --- build as written ----------------------------------------------------------------------------
log "building $IMAGE from the Dockerfile"
t0=$(date +%s)
if [ "$engine" = docker ]; then
  docker build --no-cache -t "$IMAGE" . >"$work/build.log" 2>&1 || { tail -30 "$work/build.log"; fail "docker build"; }
  size=$(docker image inspect "$IMAGE" --format '{{.Size}}')
else
  podman build --pull=never --no-cache --isolation=chroot --format docker -t "$IMAGE" . >"$work/build.log" 2>&1 || { tail -30 "$work/build.log"; fail "podman build"; }
  size=$(podman image inspect "$IMAGE" --format '{{.Size}}')
fi
log "built in $(($(date +%s) - t0)) s, image size $((size / 1000000)) MB"

# --- run it with its own entrypoint, command and user -------------------------------------------
inspect() { "$engine" image inspect "$IMAGE" --format "$1"; }
config=$(inspect '{{json .Config}}')
read_config() { node -e 'const c = JSON.parse(process.argv[1]); const v = c[process.argv[2]]; console.log(v == null ? "" : typeof v === "string" ? v : JSON.stringify(v));' "$config" "$1"; }
entrypoint=$(read_config Entrypoint); cmd=$(read_config Cmd); user=$(read_config User); workdir=$(read_config WorkingDir)
# Docker keeps the health check in the config; podman beside it.
if [ "$engine" = docker ]; then hc_json=$(inspect '{{json .Config.Healthcheck}}'); else hc_json=$(inspect '{{json .HealthCheck}}'); fi
healthcheck=$(node -e 'const h = JSON.parse(process.argv[1]); console.log(JSON.stringify(h ? h.Test : null))' "$hc_json")
log "entrypoint $entrypoint, cmd $cmd, user $user, workdir $workdir"
[ "$user" = node ] || fail "the image does not run as the non-root user node (User: '$user')"
mapfile -t argv < <(node -e 'for (const a of [...JSON.parse(process.argv[1]), ...JSON.parse(process.argv[2])]) console.log(a)' "$entrypoint" "$cmd")

# A test host of our own (network namespace + veth): the dashboard must be reached from an address
# that is not loopback, as a browser outside the container would.
ns="ocpct$$"; veth_out="vct$$o"; veth_in="vct$$i"; subnet="10.232.$(($$ % 250))"
server_pattern() { echo "dist/cli.js ${argv[*]:2}"; }
cleanup() {
  # buildah run leaves the container's process behind when it is killed: end both.
  if [ -n "${runner:-}" ]; then
    pkill -KILL -f "$(server_pattern)" 2>/dev/null || true
    kill -9 "$runner" 2>/dev/null || true
  fi
  ip netns delete "$ns" 2>/dev/null || true
  ip link delete "$veth_out" 2>/dev/null || true
  if [ "$engine" = docker ]; then docker rm -f ocp-mock-ct >/dev/null 2>&1 || true; else buildah rm "${ctr:-none}" >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
ip netns add "$ns"
ip link add "$veth_out" type veth peer name "$veth_in"
ip link set "$veth_in" netns "$ns"
ip addr add "$subnet.1/30" dev "$veth_out"; ip link set "$veth_out" up
ip netns exec "$ns" ip addr add "$subnet.2/30" dev "$veth_in"
ip netns exec "$ns" ip link set "$veth_in" up; ip netns exec "$ns" ip link set lo up

out="$work/container.out"
if curl -s -o /dev/null "http://127.0.0.1:$PORT/"; then fail "port $PORT is taken already (another ocp-mock?)"; fi
if [ "$engine" = docker ]; then
  docker run -d --name ocp-mock-ct -p "$PORT:$PORT" "$IMAGE" >/dev/null
  (docker logs -f ocp-mock-ct >"$out" 2>&1 &)
  in_container() { docker exec ocp-mock-ct "$@"; }
else
  ctr=$(buildah from --pull-never "$IMAGE")
  buildah run --isolation=chroot --network=host --user "$user" --workingdir "$workdir" "$ctr" -- "${argv[@]}" >"$out" 2>&1 &
  runner=$!
  in_container() { buildah run --isolation=chroot --network=host --user "$user" --workingdir "$workdir" "$ctr" -- "$@"; }
fi
for _ in $(seq 1 100); do grep -q 'ocp-mock dashboard:' "$out" 2>/dev/null && break; sleep 0.1; done
cat "$out"
dashboard=$(sed -n 's/^ocp-mock dashboard: \(http[^ ]*\).*/\1/p' "$out")
[ -n "$dashboard" ] || fail "the container printed no dashboard URL"
token=${dashboard##*adminToken=}

# 1. the image's health-check command, run in the container as the image says
mapfile -t hc < <(node -e 'const t = JSON.parse(process.argv[1]); if (!t) process.exit(1); for (const a of t[0] === "CMD-SHELL" ? ["sh", "-c", t[1]] : t.slice(1)) console.log(a)' "$healthcheck") || fail "the image has no health check"
in_container "${hc[@]}" || fail "the health check failed"
log "health check: ok"

# 2. POST batchStopAgents through the port
base="http://127.0.0.1:$PORT"
answer=$(curl -s -u admin:admin -H 'Content-Type: application/json' -d '{"hostIds":[1001]}' "$base/api/v2/compute/hosts/batchStopAgents")
echo "$answer" | node -e 'const a = JSON.parse(require("fs").readFileSync(0, "utf8")); if (!a.successful || a.data.name !== "Batch stop OCP agent" || !(a.data.subtasks.length === 5)) { console.error(a); process.exit(1); }' || fail "batchStopAgents"
log "batchStopAgents: ok"

# 3. the dashboard from another address: with the printed token it opens; without it, 401
remote="http://$subnet.1:$PORT"
status=$(ip netns exec "$ns" curl -s -o /dev/null -w '%{http_code}' "$remote/__mock/ui")
[ "$status" = 401 ] || fail "the dashboard without the token answered $status, not 401"
final=$(ip netns exec "$ns" curl -s -L -o "$work/ui.html" -w '%{http_code}' "$remote/?adminToken=$token")
[ "$final" = 200 ] && grep -q '<title>ocp-mock' "$work/ui.html" || fail "the dashboard with the printed token answered $final"
log "dashboard: 401 without the token, 200 with the printed URL"

# 4. a clean stop on SIGTERM
if [ "$engine" = docker ]; then
  docker stop -t 10 ocp-mock-ct >/dev/null
  code=$(docker inspect ocp-mock-ct --format '{{.State.ExitCode}}')
else
  pid=$(pgrep -f -n "$(server_pattern)") || fail "the server process is gone"
  kill -TERM "$pid"
  set +e; wait "$runner"; code=$?; set -e
  runner=""
fi
grep -q 'SIGTERM, finishing requests in flight' "$out" || fail "no graceful stop in the output"
[ "$code" = 0 ] || fail "exit code $code after SIGTERM"
log "SIGTERM: clean stop (exit 0)"
log "passed (image $((size / 1000000)) MB)"
