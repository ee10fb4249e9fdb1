#!/usr/bin/env bash
# Segments benchmark: how long after a contact update its segment memberships are current (100 dynamic segments), and
# how long a segment takes to build over a large dataset. Reports, does not assert. See bench/README.md.
#   bench/segments.sh [--provider sqlite|postgres] [--contacts N] [--build-contacts N] [--segments N] [--updates N] [--smoke]
#                     [--api-log FILE]
set -euo pipefail
cd "$(dirname "$0")/.."

PROVIDER=sqlite
CONTACTS=100000        # update latency phase (0 skips it)
BUILD_CONTACTS=1000000 # build time phase (0 skips it)
SEGMENTS=100
UPDATES=300
WARMUP=50           # unmeasured updates first, so the JIT has settled the paths an update takes
RATE=10
SMOKE=0
API_LOG=""           # keep the API's console log of each phase (FILE.latency, FILE.build)
while [[ $# -gt 0 ]]; do
  case "$1" in
    --provider) PROVIDER="$2"; shift 2 ;;
    --contacts) CONTACTS="$2"; shift 2 ;;
    --build-contacts) BUILD_CONTACTS="$2"; shift 2 ;;
    --segments) SEGMENTS="$2"; shift 2 ;;
    --updates) UPDATES="$2"; shift 2 ;;
    --smoke) SMOKE=1; shift ;;
    --api-log) API_LOG="$2"; shift 2 ;;
    -h|--help) sed -n '2,5p' "$0"; exit 0 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done
if [[ $SMOKE == 1 ]]; then CONTACTS=2000; BUILD_CONTACTS=5000; SEGMENTS=10; UPDATES=30; WARMUP=10; fi
[[ $PROVIDER == sqlite || $PROVIDER == postgres ]] || { echo "--provider must be sqlite or postgres" >&2; exit 2; }
for n in "$CONTACTS" "$BUILD_CONTACTS" "$SEGMENTS" "$UPDATES"; do
  [[ $n =~ ^[0-9]+$ ]] || { echo "sizes must be whole numbers: $n" >&2; exit 2; }
done
(( CONTACTS == 0 || CONTACTS >= 2000 )) || { echo "--contacts: at least 2,000 (or 0 to skip the latency phase)" >&2; exit 2; }
(( CONTACTS == 0 || (UPDATES + 1) / 2 + (WARMUP + 1) / 2 + 1 <= (CONTACTS / 2 < 5000 ? CONTACTS / 2 : 5000) )) \
  || { echo "--updates: too many for $CONTACTS contacts (each update needs a fresh contact from the loader's ids file)" >&2; exit 2; }
(( SEGMENTS >= 1 && SEGMENTS <= 499 )) || { echo "--segments: 1 to 499 (a workspace has at most 500, the probe is one)" >&2; exit 2; }
(( UPDATES >= 1 )) || { echo "--updates: at least 1" >&2; exit 2; }

log() { echo "[segments] $*" >&2; }
die() { log "$*"; exit 1; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
now_ns() { date +%s%N; }
seconds_since() { awk -v a="$1" -v b="$(now_ns)" 'BEGIN { printf "%.2f", (b - a) / 1e9 }'; }
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/crm-segbench.XXXXXX")
API_PID=""; PG_DIR=""
PHASE=""
stop_api() {
  if [[ -n $API_PID ]]; then kill "$API_PID" 2>/dev/null; wait "$API_PID" 2>/dev/null; fi
  API_PID=""
  if [[ -n $API_LOG && -n $PHASE && -f $WORK/api.log ]]; then cp "$WORK/api.log" "$API_LOG.$PHASE"; fi
}
cleanup() {
  local rc=$?
  set +e
  if (( rc != 0 )) && [[ -s $WORK/api.log ]]; then log "last lines of the API's log:"; tail -n 60 "$WORK/api.log" >&2; fi
  stop_api
  [[ -n $PG_DIR ]] && bash scripts/pg.sh stop "$PG_DIR" >/dev/null 2>&1
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'log "failed (exit $?) at line $LINENO: $BASH_COMMAND"' ERR
trap 'exit 130' INT TERM

LOAD_AT_START=$(loadavg)
log "building (Release); load average $LOAD_AT_START"
for p in src/CrmApi.Api bench/loader bench/segments; do
  dotnet build -c Release "$p" -v q -nologo >"$WORK/build.log" 2>&1 || { cat "$WORK/build.log" >&2; exit 1; }
done
DRIVER=bench/segments/bin/Release/net10.0/CrmApi.Bench.Segments.dll

# --- database -------------------------------------------------------------------------------------------------------
PSQL=""; PG_POSTMASTER=0
if [[ $PROVIDER == postgres ]]; then
  PSQL=$(command -v psql || ls -d /usr/lib/postgresql/*/bin/psql 2>/dev/null | sort -V | tail -n 1 || true)
  [[ -x $PSQL ]] || die "psql not found (PostgreSQL client)"
  chmod 711 "$WORK"   # the cluster runs as the postgres user, under $WORK
  PG_DIR="$WORK/pg"
  log "starting a throwaway PostgreSQL cluster"
  bash scripts/pg.sh start "$PG_DIR" >"$WORK/pg.cs" 2>"$WORK/pg.log" || { cat "$WORK/pg.log" >&2; die "pg.sh start failed"; }
  PG_PORT=$(cat "$PG_DIR/port")
  PG_POSTMASTER=$(head -n 1 "$PG_DIR/data/postmaster.pid")
fi
psql_do() { "$PSQL" -q -tA -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -c "$1"; }
new_database() { # name -> sets CS (and DB for SQLite)
  if [[ $PROVIDER == postgres ]]; then
    psql_do "CREATE DATABASE $1" || die "CREATE DATABASE $1 failed"
    CS="$(sed "s/Database=postgres/Database=$1/" "$WORK/pg.cs")"
  else
    DB="$WORK/$1.db"
    CS="Data Source=$DB"
  fi
  DB_NAME=$1
}
drop_database() {
  if [[ $PROVIDER == postgres ]]; then psql_do "DROP DATABASE $DB_NAME" || true; else rm -f "$DB" "$DB-wal" "$DB-shm"; fi
}
db_size_mb() {
  if [[ $PROVIDER == postgres ]]; then
    psql_do "SELECT pg_database_size('$DB_NAME')" | awk '{ printf "%.1f", $1 / 1048576 }'
  else
    local bytes=0 f
    for f in "$DB" "$DB-wal"; do [[ -f $f ]] && bytes=$((bytes + $(stat -c %s "$f"))); done
    awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1048576 }'
  fi
}
DB_NOTE=$([[ $PROVIDER == sqlite ]] && echo 'file + -wal' || echo 'pg_database_size')

load() { # contacts -> KEY, CONTACT, IDS, LOAD_SECONDS, DB_MB_LOADED
  log "loading $1 contacts ($PROVIDER)"
  IDS="$WORK/ids.txt"
  local t0; t0=$(now_ns)
  timeout 3600 dotnet bench/loader/bin/Release/net10.0/CrmApi.Bench.Loader.dll "$1" "$PROVIDER" "$CS" "$IDS" >"$WORK/load.out" 2>"$WORK/load.err" \
    || { cat "$WORK/load.err" >&2; die "loading failed"; }
  LOAD_SECONDS=$(seconds_since "$t0")
  KEY=$(sed -n 's/^KEY=//p' "$WORK/load.out")
  CONTACT=$(sed -n 's/^CONTACT=//p' "$WORK/load.out")
  DB_MB_LOADED=$(db_size_mb)
  log "loaded in $LOAD_SECONDS s; database $DB_MB_LOADED MB"
}

start_api() { # -> API, API_PID, API_STARTUP
  local port t0 deadline
  port=$(free_port)
  API="http://127.0.0.1:$port"
  t0=$(now_ns)
  Crm__Database__Provider="$PROVIDER" ConnectionStrings__Crm="$CS" Logging__LogLevel__Default=Warning \
    ASPNETCORE_URLS="$API" ASPNETCORE_ENVIRONMENT=Production dotnet src/CrmApi.Api/bin/Release/net10.0/CrmApi.Api.dll >"$WORK/api.log" 2>&1 &
  API_PID=$!
  deadline=$((SECONDS + 180))
  until curl -sf -o /dev/null --max-time 2 "$API/health/ready"; do
    kill -0 "$API_PID" 2>/dev/null || { cat "$WORK/api.log" >&2; die "the API exited"; }
    (( SECONDS < deadline )) || die "the API is not ready after 180 s"
    sleep 0.01
  done
  API_STARTUP=$(seconds_since "$t0")
  log "API on $API (ready in $API_STARTUP s)"
}
peak_rss_mb() { awk '$1 == "VmHWM:" { printf "%.0f", $2 / 1024 }' "/proc/$API_PID/status"; }
driver() { # mode args...: the driver's markdown on stdout; bounded like everything else
  timeout 7200 dotnet "$DRIVER" "$@" --url "$API" --key "$KEY" --api-pid "$API_PID" --db-pid "$PG_POSTMASTER" --clk-tck "$(getconf CLK_TCK)"
}

DATE=$(date +%F)
mkdir -p bench/results
# Other sizes than the defaults get a file of their own, so they never replace the reference results.
SUFFIX=""
if [[ $SMOKE == 1 ]]; then SUFFIX=-smoke
elif [[ "$CONTACTS $BUILD_CONTACTS $SEGMENTS $UPDATES" != "100000 1000000 100 300" ]]; then
  SUFFIX="-c$CONTACTS-b$BUILD_CONTACTS-s$SEGMENTS-u$UPDATES"
fi
RESULT="bench/results/$DATE-segments-$PROVIDER$SUFFIX.md"
OUT="$WORK/result.md"
{
  echo "# Segments benchmark, $PROVIDER ($DATE)"
  echo
  echo "\`bench/segments.sh$([[ $PROVIDER == postgres ]] && echo ' --provider postgres')$([[ $SMOKE == 1 ]] && echo ' --smoke')$(
    [[ -n $SUFFIX && $SMOKE == 0 ]] && echo " --contacts $CONTACTS --build-contacts $BUILD_CONTACTS --segments $SEGMENTS --updates $UPDATES")\`; loopback;" \
    "$(nproc) CPUs; $(dotnet --version) SDK; load average at start $LOAD_AT_START$([[ $SMOKE == 1 ]] && echo '; **smoke run: the numbers are not meaningful**')."
  echo
  echo "Figures the product states, reported here, not asserted: with 100 dynamic segments over 100,000 contacts one contact"
  echo "update brings all memberships up to date within 10 ms p99 of commit; building a segment over 1,000,000 contacts takes"
  echo "under 10 s. Each phase loads its own dataset with bench/loader (contacts with lastName, firstName, createdAt, custom"
  echo "\`tier\` and \`score\`; companies with an industry but no contact linked to them; 2 activities per contact) and starts"
  echo "the API alone on it (Release, Production, log level Warning)."
} >"$OUT"

# --- update latency -------------------------------------------------------------------------------------------------
if (( CONTACTS > 0 )); then
  PHASE=latency
  new_database crm_seg_latency
  load "$CONTACTS"
  PHASE_LOAD=$(loadavg)
  start_api
  log "update latency: $SEGMENTS segments + probe, $UPDATES updates at $RATE/s"
  driver latency --ids "$IDS" --segments "$SEGMENTS" --updates "$UPDATES" --warmup "$WARMUP" --rate "$RATE" >"$WORK/latency.md" \
    || die "the latency driver failed"
  {
    echo
    echo "## Update latency, $CONTACTS contacts"
    echo
    echo "- Dataset: $CONTACTS contacts loaded in $LOAD_SECONDS s; database $DB_MB_LOADED MB after the load, $(db_size_mb) MB at the end ($DB_NOTE)."
    echo "- API ready in $API_STARTUP s; peak RSS $(peak_rss_mb) MB at the end. Load average when the phase started: $PHASE_LOAD."
    echo
    cat "$WORK/latency.md"
  } >>"$OUT"
  stop_api
  drop_database
fi

# --- build time -----------------------------------------------------------------------------------------------------
if (( BUILD_CONTACTS > 0 )); then
  PHASE=build
  new_database crm_seg_build
  load "$BUILD_CONTACTS"
  PHASE_LOAD=$(loadavg)
  start_api
  log "build time over $BUILD_CONTACTS contacts"
  # Few members first, then 10 % and 25 %: each starts with the engine idle.
  driver build --marker "$CONTACT" \
    --segment 'one last name|{"lastName":{"eq":"Name0042"}}' \
    --segment 'score in the top 10 %|{"custom.score":{"gte":90000}}' \
    --segment 'tier gold|{"custom.tier":{"eq":"gold"}}' >"$WORK/build.md" || die "the build driver failed"
  {
    echo
    echo "## Build time, $BUILD_CONTACTS contacts"
    echo
    echo "- Dataset: $BUILD_CONTACTS contacts loaded in $LOAD_SECONDS s; database $DB_MB_LOADED MB after the load, $(db_size_mb) MB after the builds ($DB_NOTE)."
    echo "- API ready in $API_STARTUP s; peak RSS $(peak_rss_mb) MB at the end. Load average when the phase started: $PHASE_LOAD."
    echo "- One dynamic contact segment at a time: \`POST /segments\`, then \`GET /segments/{id}\` every 100 ms until \`state\` is"
    echo "  \`ready\`; build s runs from the 201 to the first \`ready\`. A build writes one member row and one \`segment.entered\`"
    echo "  event per member. Engine catch-up: from \`ready\` until every segment's \`processedSequence\` passes a contact update made"
    echo "  then, i.e. until the engine has read past the build's own events (a change made meanwhile waits that long). CPU: the"
    echo "  API process's user + system seconds over build and catch-up$([[ $PROVIDER == postgres ]] && echo '; DB: the PostgreSQL cluster')."
    echo
    cat "$WORK/build.md"
  } >>"$OUT"
  stop_api
  drop_database
fi

cp "$OUT" "$RESULT"
cat "$RESULT"
log "written to $RESULT"
