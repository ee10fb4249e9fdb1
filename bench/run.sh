#!/usr/bin/env bash
# HTTP benchmark of the API against a bare minimal-API baseline over the same database. See bench/README.md.
#   bench/run.sh [--contacts N] [--provider sqlite|postgres] [--cases get,list,...] [--duration S] [--smoke]
set -euo pipefail
cd "$(dirname "$0")/.."

ALL_CASES=get,list,custom,timeline,events,create,patch,graphql-list,graphql-nested
CONTACTS=100000
PROVIDER=sqlite
CASES=$ALL_CASES
DURATION=10
SMOKE=0
THREADS=4          # wrk threads, one connection each
CONNECTIONS=4
PATCH_PER_THREAD=25
while [[ $# -gt 0 ]]; do
  case "$1" in
    --contacts) CONTACTS="$2"; shift 2 ;;
    --provider) PROVIDER="$2"; shift 2 ;;
    --cases) CASES="$2"; shift 2 ;;
    --duration) DURATION="$2"; shift 2 ;;
    --smoke) SMOKE=1; shift ;;
    -h|--help) sed -n 2,3p "$0"; echo "  cases: $ALL_CASES"; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
if [[ $SMOKE == 1 ]]; then CONTACTS=2000; DURATION=2; fi
[[ $PROVIDER == sqlite || $PROVIDER == postgres ]] || { echo "--provider must be sqlite or postgres" >&2; exit 2; }
[[ $CONTACTS =~ ^[0-9]+$ && $CONTACTS -ge 1000 ]] || { echo "--contacts must be a number, at least 1000" >&2; exit 2; }
[[ $DURATION =~ ^[0-9]+$ && $DURATION -ge 1 ]] || { echo "--duration must be whole seconds" >&2; exit 2; }
IFS=, read -ra CASE_LIST <<<"$CASES"
for c in "${CASE_LIST[@]}"; do
  [[ ,$ALL_CASES, == *,$c,* ]] || { echo "unknown case: $c (known: $ALL_CASES)" >&2; exit 2; }
done
command -v wrk >/dev/null || { echo "wrk is missing: apt-get update && apt-get install -y wrk" >&2; exit 2; }

log() { echo "[bench] $*" >&2; }
die() { log "$*"; exit 1; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
now_ns() { date +%s%N; }
seconds_since() { awk -v a="$1" -v b="$(now_ns)" 'BEGIN { printf "%.2f", (b - a) / 1e9 }'; }
urlencode() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$1"; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/crm-bench.XXXXXX")
API_PID=""; BASE_PID=""; PG_DIR=""
cleanup() {
  local rc=$?
  set +e
  if (( rc != 0 )); then
    for f in api baseline; do
      [[ -s $WORK/$f.log ]] && { log "last lines of the $f's log:"; tail -n 60 "$WORK/$f.log" >&2; }
    done
  fi
  [[ -n $API_PID ]] && kill "$API_PID" 2>/dev/null && wait "$API_PID" 2>/dev/null
  [[ -n $BASE_PID ]] && kill "$BASE_PID" 2>/dev/null && wait "$BASE_PID" 2>/dev/null
  [[ -n $PG_DIR ]] && bash scripts/pg.sh stop "$PG_DIR" >/dev/null 2>&1
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'log "failed (exit $?) at line $LINENO: $BASH_COMMAND"' ERR
trap 'exit 130' INT TERM

log "building (Release)"
for p in src/CrmApi.Api bench/loader bench/baseline; do
  dotnet build -c Release "$p" -v q -nologo >"$WORK/build.log" 2>&1 || { cat "$WORK/build.log" >&2; exit 1; }
done

# --- database -------------------------------------------------------------------------------------------------------
PSQL=""
if [[ $PROVIDER == postgres ]]; then
  PSQL=$(command -v psql || ls -d /usr/lib/postgresql/*/bin/psql 2>/dev/null | sort -V | tail -n 1 || true)
  [[ -x $PSQL ]] || die "psql not found (PostgreSQL client)"
  chmod 711 "$WORK"   # the cluster runs as the postgres user, under $WORK
  PG_DIR="$WORK/pg"
  log "starting a throwaway PostgreSQL cluster"
  bash scripts/pg.sh start "$PG_DIR" >"$WORK/pg.cs" 2>"$WORK/pg.log" || { cat "$WORK/pg.log" >&2; die "pg.sh start failed"; }
  PG_PORT=$(cat "$PG_DIR/port")
  "$PSQL" -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -c "CREATE DATABASE crm_bench" || die "CREATE DATABASE failed"
  CS="$(sed 's/Database=postgres/Database=crm_bench/' "$WORK/pg.cs")"
  PG_POSTMASTER=$(head -n 1 "$PG_DIR/data/postmaster.pid")
else
  DB="$WORK/crm.db"
  CS="Data Source=$DB"
fi
db_size_mb() {
  if [[ $PROVIDER == postgres ]]; then
    "$PSQL" -tA -h 127.0.0.1 -p "$PG_PORT" -U postgres -d crm_bench -c "SELECT pg_database_size('crm_bench')" | awk '{ printf "%.1f", $1 / 1048576 }'
  else
    local bytes=0 f
    for f in "$DB" "$DB-wal"; do [[ -f $f ]] && bytes=$((bytes + $(stat -c %s "$f"))); done
    awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1048576 }'
  fi
}

log "loading $CONTACTS contacts ($PROVIDER)"
IDS="$WORK/ids.txt"
LOAD_START=$(now_ns)
dotnet bench/loader/bin/Release/net10.0/CrmApi.Bench.Loader.dll "$CONTACTS" "$PROVIDER" "$CS" "$IDS" >"$WORK/load.out" 2>"$WORK/load.err" \
  || { cat "$WORK/load.err" >&2; die "loading failed"; }
LOAD_SECONDS=$(seconds_since "$LOAD_START")
KEY=$(sed -n 's/^KEY=//p' "$WORK/load.out")
CONTACT=$(sed -n 's/^CONTACT=//p' "$WORK/load.out")
LASTNAME=$(sed -n 's/^LASTNAME=//p' "$WORK/load.out")
DB_MB_LOADED=$(db_size_mb)
log "loaded in $LOAD_SECONDS s; database $DB_MB_LOADED MB"

# --- servers --------------------------------------------------------------------------------------------------------
wait_ready() { # url pid name: polls every 10 ms, for up to 180 s
  local deadline=$((SECONDS + 180))
  until curl -sf -o /dev/null --max-time 2 "$1/health/ready"; do
    kill -0 "$2" 2>/dev/null || { cat "$WORK/$3.log" >&2; die "$3 exited"; }
    (( SECONDS < deadline )) || { cat "$WORK/$3.log" >&2; die "$3 not ready after 180 s"; }
    sleep 0.01
  done
}
export Crm__Database__Provider="$PROVIDER" ConnectionStrings__Crm="$CS" Logging__LogLevel__Default=Warning

# The API starts alone, so nothing else competes with its startup; timed from launch to the first 200 from /health/ready.
API_PORT=$(free_port)
API="http://127.0.0.1:$API_PORT"
T0=$(now_ns)
ASPNETCORE_URLS="$API" ASPNETCORE_ENVIRONMENT=Production dotnet src/CrmApi.Api/bin/Release/net10.0/CrmApi.Api.dll >"$WORK/api.log" 2>&1 &
API_PID=$!
wait_ready "$API" "$API_PID" api
API_STARTUP=$(seconds_since "$T0")

BASE_PORT=$(free_port)
while [[ $BASE_PORT == "$API_PORT" ]]; do BASE_PORT=$(free_port); done
BASE="http://127.0.0.1:$BASE_PORT"
T0=$(now_ns)
dotnet bench/baseline/bin/Release/net10.0/CrmApi.Bench.Baseline.dll --urls "$BASE" >"$WORK/baseline.log" 2>&1 &
BASE_PID=$!
wait_ready "$BASE" "$BASE_PID" baseline
BASE_STARTUP=$(seconds_since "$T0")
log "API on $API (ready in $API_STARTUP s), baseline on $BASE (ready in $BASE_STARTUP s)"

AUTH="Authorization: Bearer $KEY"
# The change feed and the timeline read events, which the API's use cases write and the bulk loader does not: 100
# contacts created through the API, and three changes to the contact the get and timeline cases read.
for i in $(seq 1 100); do
  curl -sf -o /dev/null -X POST "$API/api/v1/contacts" -H "$AUTH" -H 'Content-Type: application/json' \
    -d "{\"firstName\":\"Feed$i\",\"lastName\":\"Bench\"}" || die "seeding events failed"
done
for v in 1 2 3; do
  curl -sf -o /dev/null -X PATCH "$API/api/v1/contacts/$CONTACT" -H "$AUTH" -H 'Content-Type: application/merge-patch+json' \
    -H "If-Match: \"$v\"" -d "{\"jobTitle\":\"Buyer $v\"}" || die "seeding the timeline's events failed"
done

# --- cases ----------------------------------------------------------------------------------------------------------
declare -A DESC API_PATH BASE_PATH SCRIPT
DESC[get]="GET one contact by id"
API_PATH[get]="/api/v1/contacts/$CONTACT";                       BASE_PATH[get]="/contacts/$CONTACT"
DESC[list]="list 50, lastName eq, sort -createdAt"
API_PATH[list]="/api/v1/contacts?filter=$(urlencode "{\"lastName\":{\"eq\":\"$LASTNAME\"}}")&sort=-createdAt&limit=50"
BASE_PATH[list]="/contacts?lastName=$LASTNAME"
DESC[custom]="list 50, custom.tier eq gold, sort -custom.score"
API_PATH[custom]="/api/v1/contacts?filter=$(urlencode '{"custom.tier":{"eq":"gold"}}')&sort=-custom.score&limit=50"
BASE_PATH[custom]="/contacts?tier=gold"
DESC[timeline]="a contact's timeline, first page (2 activities, 3 events)"
API_PATH[timeline]="/api/v1/contacts/$CONTACT/timeline";         BASE_PATH[timeline]="/contacts/$CONTACT/timeline"
DESC[events]="change feed, first page of 100"
API_PATH[events]="/api/v1/events?limit=100";                      BASE_PATH[events]="/events?limit=100"
DESC[create]="POST a contact, 4 concurrent writers"
API_PATH[create]="/api/v1/contacts";                              BASE_PATH[create]="/contacts";  SCRIPT[create]=create.lua
DESC[patch]="merge PATCH with If-Match, 4 writers on disjoint contacts"
API_PATH[patch]="/api/v1/contacts";                               BASE_PATH[patch]="/contacts";   SCRIPT[patch]=patch.lua
DESC[graphql-list]="GraphQL: 50 contacts × 3 fields"
DESC[graphql-nested]="GraphQL: 50 contacts with their company"
placeholder() { [[ $1 == graphql-* ]]; }

# The patch case's contacts: each wrk run (and each check) takes contacts no earlier run touched, so every version it
# starts from is 1. The ids file holds the first contacts of the dataset (not the one the get and timeline cases read).
NEXT_ID=0
take_ids() { # count -> sets TAKEN to the 0-based offset of the first id taken
  local total; total=$(wc -l <"$IDS")
  (( NEXT_ID + $1 <= total )) || die "patch: out of fresh contacts ($total in the ids file); use more --contacts or fewer runs"
  TAKEN=$NEXT_ID; NEXT_ID=$((NEXT_ID + $1))
}

check() { # case server: one request, which must answer 2xx
  local c=$1 server=$2 url hdr=() code
  if [[ $server == api ]]; then url="$API${API_PATH[$c]}"; hdr=(-H "$AUTH"); else url="$BASE${BASE_PATH[$c]}"; fi
  case $c in
    create) code=$(curl -s -o "$WORK/check.json" -w '%{http_code}' "${hdr[@]}" -X POST -H 'Content-Type: application/json' \
              -d '{"firstName":"Bench","lastName":"Check"}' "$url") ;;
    patch) take_ids 1
           code=$(curl -s -o "$WORK/check.json" -w '%{http_code}' "${hdr[@]}" -X PATCH -H 'Content-Type: application/merge-patch+json' \
              -H 'If-Match: "1"' -d '{"firstName":"Checked"}' "$url/$(sed -n "$((TAKEN + 1))p" "$IDS")") ;;
    *) code=$(curl -s -o "$WORK/check.json" -w '%{http_code}' "${hdr[@]}" "$url") ;;
  esac
  [[ $code == 2?? ]] || { head -c 2000 "$WORK/check.json" >&2; echo >&2; die "case $c: $server answered $code"; }
}

run_wrk() { # seconds case server -> wrk's output in $WORK/wrk.out
  local secs=$1 c=$2 server=$3 url hdr=() args=()
  if [[ $server == api ]]; then url="$API${API_PATH[$c]}"; hdr=(-H "$AUTH"); else url="$BASE${BASE_PATH[$c]}"; fi
  if [[ $c == patch ]]; then take_ids $((THREADS * PATCH_PER_THREAD)); args=(-- "$IDS" "$TAKEN" "$PATCH_PER_THREAD"); fi
  wrk -t$THREADS -c$CONNECTIONS -d"${secs}s" --timeout 10s -s "bench/lua/${SCRIPT[$c]:-report.lua}" "${hdr[@]}" "$url" "${args[@]}" \
    >"$WORK/wrk.out" 2>&1 || { cat "$WORK/wrk.out" >&2; die "wrk failed on case $c ($server)"; }
}

CLK_TCK=$(getconf CLK_TCK)
cpu_ticks() { # pid: utime + stime (+ cutime + cstime: children it has reaped)
  awk '{ sub(/^.*\) /, ""); print $12 + $13 + $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0
}
db_ticks() { # PostgreSQL: the postmaster and every backend (the API's and the baseline's pooled connections)
  local t=0 p
  [[ $PROVIDER == postgres ]] || { echo 0; return; }
  t=$(cpu_ticks "$PG_POSTMASTER")
  for p in $(ps -o pid= --ppid "$PG_POSTMASTER"); do t=$((t + $(cpu_ticks "$p"))); done
  echo "$t"
}
mem_mb() { # pid field (VmRSS|VmHWM)
  awk -v f="$2:" '$1 == f { printf "%.0f", $2 / 1024 }' "/proc/$1/status"
}

for c in "${CASE_LIST[@]}"; do
  placeholder "$c" && continue
  check "$c" api
  check "$c" baseline
done
WARM=$([[ $SMOKE == 1 ]] && echo 1 || echo 3)
log "warming up (${WARM} s per case and server)"
for c in "${CASE_LIST[@]}"; do
  placeholder "$c" && continue
  run_wrk "$WARM" "$c" api
  run_wrk "$WARM" "$c" baseline
done

# One measured run -> "rps p50_ms p99_ms non2xx errors cpu_per_1k db_cpu_per_1k rss_mb hwm_mb requests"
measure() { # case server pid
  local before dbefore after dafter
  before=$(cpu_ticks "$3"); dbefore=$(db_ticks)
  run_wrk "$DURATION" "$1" "$2"
  if ! kill -0 "$3" 2>/dev/null; then
    local status=0; wait "$3" || status=$?
    die "the $2 exited during case $1 (exit status $status$( ((status > 128)) && echo ", signal $((status - 128))"))"
  fi
  after=$(cpu_ticks "$3"); dafter=$(db_ticks)
  grep -q '^WRK ' "$WORK/wrk.out" || { cat "$WORK/wrk.out" >&2; die "no summary from wrk on case $1 ($2)"; }
  sed -n 's/^WRK //p' "$WORK/wrk.out" | tr ' ' '\n' | awk -F= -v cpu=$((after - before)) -v db=$((dafter - dbefore)) -v tck="$CLK_TCK" \
    -v rss="$(mem_mb "$3" VmRSS)" -v hwm="$(mem_mb "$3" VmHWM)" '
    { v[$1] = $2 }
    END {
      n = v["requests"]; secs = v["duration_us"] / 1e6
      printf "%.0f %.2f %.2f %d %d %s %s %s %s %d\n", (secs > 0 ? n / secs : 0), v["p50_us"] / 1000, v["p99_us"] / 1000, v["non2xx"],
        v["connect"] + v["read"] + v["write"] + v["timeout"],
        (n > 0 ? sprintf("%.3f", cpu / tck / n * 1000) : "–"), (n > 0 ? sprintf("%.3f", db / tck / n * 1000) : "–"), rss, hwm, n
    }'
}

DATE=$(date +%F)
mkdir -p bench/results
SUFFIX=$([[ $SMOKE == 1 ]] && echo -smoke || true)
RESULT="bench/results/$DATE-$PROVIDER-$CONTACTS$SUFFIX.md"
PG=$([[ $PROVIDER == postgres ]] && echo 1 || echo 0)
{
  echo "# HTTP benchmark, $PROVIDER, $CONTACTS contacts ($DATE)"
  echo
  echo "wrk, $THREADS threads × 1 connection, ${DURATION} s per case after a ${WARM} s warm-up, loopback; $(nproc) CPUs;" \
    "$(dotnet --version) SDK$([[ $SMOKE == 1 ]] && echo '; **smoke run: the numbers are not meaningful**')."
  echo
  echo "- Dataset: $CONTACTS contacts, $((CONTACTS / 10)) companies, $((CONTACTS * 2)) activities; loaded in $LOAD_SECONDS s" \
    "(bench/loader, wall time including migrations); database $DB_MB_LOADED MB after the load$([[ $PROVIDER == sqlite ]] && echo ' (file + -wal)' || echo ' (pg_database_size)')."
  echo "- Startup to \`/health/ready\`: API $API_STARTUP s (started alone), baseline $BASE_STARTUP s."
  echo "- Baseline: bench/baseline (minimal API, hand-written SQL, no ORM, no auth) over the same database. Ratio = API req/s ÷ baseline req/s."
  echo "- CPU s/1k req: the server process's user + system CPU seconds (/proc/<pid>/stat) during the measured run, per 1,000 requests.$(
    [[ $PG == 1 ]] && echo ' DB CPU: the same for the PostgreSQL cluster (postmaster and backends).')"
  echo "- RSS: the server's resident memory after the case; peak: its VmHWM so far."
  echo
  if [[ $PG == 1 ]]; then
    echo "| case | what | server | req/s | p50 ms | p99 ms | non-2xx | CPU s/1k req | DB CPU s/1k req | RSS MB | peak RSS MB | ratio to baseline |"
    echo "|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
  else
    echo "| case | what | server | req/s | p50 ms | p99 ms | non-2xx | CPU s/1k req | RSS MB | peak RSS MB | ratio to baseline |"
    echo "|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|"
  fi
} >"$WORK/table.md"

BROKEN=()
emit() { # case what server rps p50 p99 non2xx cpu dbcpu rss hwm ratio
  if [[ $PG == 1 ]]; then echo "| $1 | $2 | $3 | $4 | $5 | $6 | $7 | $8 | $9 | ${10} | ${11} | ${12} |"
  else echo "| $1 | $2 | $3 | $4 | $5 | $6 | $7 | $8 | ${10} | ${11} | ${12} |"; fi >>"$WORK/table.md"
}
for c in "${CASE_LIST[@]}"; do
  if placeholder "$c"; then
    emit "$c" "${DESC[$c]} — *not measured: filled when the GraphQL API exists*" api – – – – – – – – –
    continue
  fi
  log "case $c"
  # Not in a subshell: the patch case takes fresh contacts (NEXT_ID) on every run.
  measure "$c" api "$API_PID" >"$WORK/api.m"
  measure "$c" baseline "$BASE_PID" >"$WORK/baseline.m"
  read -r rps p50 p99 bad errs cpu dbcpu rss hwm n <"$WORK/api.m"
  read -r brps bp50 bp99 bbad berrs bcpu bdbcpu brss bhwm bn <"$WORK/baseline.m"
  ratio=$(awk -v a="$rps" -v b="$brps" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "–" }')
  emit "$c" "${DESC[$c]}" api "$rps" "$p50" "$p99" "$bad" "$cpu" "$dbcpu" "$rss" "$hwm" "$ratio"
  emit "$c" "${DESC[$c]}" baseline "$brps" "$bp50" "$bp99" "$bbad" "$bcpu" "$bdbcpu" "$brss" "$bhwm" "1.00"
  (( bad == 0 && errs == 0 && n > 0 )) || BROKEN+=("$c/api: $n requests, $bad non-2xx, $errs socket errors")
  (( bbad == 0 && berrs == 0 && bn > 0 )) || BROKEN+=("$c/baseline: $bn requests, $bbad non-2xx, $berrs socket errors")
done
{
  echo
  echo "Database at the end of the run: $(db_size_mb) MB. Peak RSS (VmHWM) at the end: API $(mem_mb "$API_PID" VmHWM) MB, baseline $(mem_mb "$BASE_PID" VmHWM) MB."
  if [[ ${#BROKEN[@]} -gt 0 ]]; then echo; echo "**Broken cases:** $(printf '%s; ' "${BROKEN[@]}" | sed 's/; $//')."; fi
} >>"$WORK/table.md"

cp "$WORK/table.md" "$RESULT"
cat "$RESULT"
log "written to $RESULT"
if [[ ${#BROKEN[@]} -gt 0 ]]; then
  for b in "${BROKEN[@]}"; do log "BROKEN: $b"; done
  exit 1
fi
