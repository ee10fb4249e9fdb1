#!/usr/bin/env bash
# Webhook delivery benchmark: backlog drain throughput to 1 and 10 loopback endpoints, and commit-to-delivery latency
# at a paced rate. See bench/README.md.
#   bench/webhooks.sh [--provider sqlite|postgres] [--events N] [--events-10 N] [--rate R] [--seconds S] [--smoke]
#                     [--drain-timeout S] [--live-timeout S] [--api-env KEY=VALUE]...
set -euo pipefail
cd "$(dirname "$0")/.."

PROVIDER=sqlite
EVENTS=10000
EVENTS10=2000
RATE=100
SECONDS_LIVE=10
DRAIN_TIMEOUT=300
LIVE_TIMEOUT=180
SMOKE=0
API_ENV=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --provider) PROVIDER="$2"; shift 2 ;;
    --events) EVENTS="$2"; shift 2 ;;
    --events-10) EVENTS10="$2"; shift 2 ;;
    --rate) RATE="$2"; shift 2 ;;
    --seconds) SECONDS_LIVE="$2"; shift 2 ;;
    --drain-timeout) DRAIN_TIMEOUT="$2"; shift 2 ;;
    --live-timeout) LIVE_TIMEOUT="$2"; shift 2 ;;
    --api-env) API_ENV+=(--api-env "$2"); shift 2 ;;
    --smoke) SMOKE=1; shift ;;
    -h|--help) sed -n 2,5p "$0"; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
if [[ $SMOKE == 1 ]]; then EVENTS=200; EVENTS10=50; RATE=20; SECONDS_LIVE=2; DRAIN_TIMEOUT=60; LIVE_TIMEOUT=60; fi
[[ $PROVIDER == sqlite || $PROVIDER == postgres ]] || { echo "--provider must be sqlite or postgres" >&2; exit 2; }
for v in EVENTS EVENTS10 RATE SECONDS_LIVE DRAIN_TIMEOUT LIVE_TIMEOUT; do
  [[ ${!v} =~ ^[0-9]+$ && ${!v} -ge 1 ]] || { echo "$v must be a whole number, at least 1" >&2; exit 2; }
done
(( EVENTS >= 10 && EVENTS10 >= 10 )) || { echo "--events and --events-10 must be at least 10" >&2; exit 2; }

log() { echo "[bench] $*" >&2; }
die() { log "$*"; exit 1; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/crm-webhooks.XXXXXX")
DRIVER_PID=""; PG_DIR=""
cleanup() {
  local rc=$?
  set +e
  [[ -n $DRIVER_PID ]] && kill "$DRIVER_PID" 2>/dev/null && wait "$DRIVER_PID" 2>/dev/null
  # API processes the driver started (it stops them itself; this catches a driver that died without doing so).
  if [[ -f $WORK/pids ]]; then
    while read -r pid; do kill -9 "$pid" 2>/dev/null; done <"$WORK/pids"
  fi
  if (( rc != 0 )); then
    for f in "$WORK"/*.log; do
      [[ -s $f ]] && { log "last lines of $(basename "$f"):"; tail -n 30 "$f" >&2; }
    done
  fi
  [[ -n $PG_DIR ]] && bash scripts/pg.sh stop "$PG_DIR" >/dev/null 2>&1
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log "building (Release)"
for p in src/CrmApi.Api bench/webhooks; do
  dotnet build -c Release "$p" -v q -nologo >"$WORK/build.log" 2>&1 || { cat "$WORK/build.log" >&2; exit 1; }
done

# --- databases: one per drain, one for both latency runs -------------------------------------------------------------
RUNS=(drain1 drain10 live)
POSTMASTER=()
if [[ $PROVIDER == postgres ]]; then
  PSQL=$(command -v psql || ls -d /usr/lib/postgresql/*/bin/psql 2>/dev/null | sort -V | tail -n 1 || true)
  [[ -x $PSQL ]] || die "psql not found (PostgreSQL client)"
  chmod 711 "$WORK"   # the cluster runs as the postgres user, under $WORK
  PG_DIR="$WORK/pg"
  log "starting a throwaway PostgreSQL cluster"
  bash scripts/pg.sh start "$PG_DIR" >"$WORK/pg.cs" 2>"$WORK/pg.log" || { cat "$WORK/pg.log" >&2; die "pg.sh start failed"; }
  PG_PORT=$(cat "$PG_DIR/port")
  for r in "${RUNS[@]}"; do
    "$PSQL" -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -c "CREATE DATABASE webhooks_$r" || die "CREATE DATABASE failed"
  done
  CS="$(sed 's/Database=postgres/Database=webhooks_{db}/' "$WORK/pg.cs")"
  POSTMASTER=(--postmaster "$(head -n 1 "$PG_DIR/data/postmaster.pid")")
else
  CS="Data Source=$WORK/{db}.db"
fi

DATE=$(date +%F)
mkdir -p bench/results
SUFFIX=$([[ $SMOKE == 1 ]] && echo -smoke || true)
RESULT="bench/results/$DATE-webhooks-$PROVIDER$SUFFIX.md"
# Bounded: two drains, two latency runs (their warm-up and their deliveries waited on for --live-timeout each at most),
# five API startups (180 s each at most), the setup writes.
BOUND=$((2 * DRAIN_TIMEOUT + 2 * (SECONDS_LIVE + 2 * LIVE_TIMEOUT) + 5 * 180 + 600))
log "running the driver ($PROVIDER; $EVENTS / $EVENTS10 contacts, $RATE/s for $SECONDS_LIVE s; at most $BOUND s)"
set +e
timeout --kill-after=20 "$BOUND" dotnet bench/webhooks/bin/Release/net10.0/CrmApi.Bench.Webhooks.dll \
  --api src/CrmApi.Api/bin/Release/net10.0/CrmApi.Api.dll --provider "$PROVIDER" --cs "$CS" --work "$WORK" \
  --events "$EVENTS" --events-10 "$EVENTS10" --rate "$RATE" --seconds "$SECONDS_LIVE" --drain-timeout "$DRAIN_TIMEOUT" \
  --live-timeout "$LIVE_TIMEOUT" \
  --clk-tck "$(getconf CLK_TCK)" --pids "$WORK/pids" --sdk "$(dotnet --version)" "${POSTMASTER[@]}" "${API_ENV[@]}" \
  $([[ $SMOKE == 1 ]] && echo --smoke) >"$WORK/report.md" &
DRIVER_PID=$!
wait "$DRIVER_PID"
STATUS=$?
DRIVER_PID=""
set -e
(( STATUS == 124 || STATUS == 137 )) && die "the driver ran past $BOUND s and was stopped"
if [[ -s $WORK/report.md ]]; then
  cp "$WORK/report.md" "$RESULT"
  cat "$RESULT"
  log "written to $RESULT"
fi
(( STATUS == 0 )) || die "the driver exited with status $STATUS"
