#!/usr/bin/env bash
# HTTP benchmark of the API against a bare minimal-API baseline over the same database. See bench/README.md.
#   bench/run.sh [--contacts N] [--provider sqlite] [--cases get,list,custom,events] [--duration S] [--smoke]
set -euo pipefail
cd "$(dirname "$0")/.."

CONTACTS=100000
PROVIDER=sqlite
CASES=get,list,custom,events
DURATION=10
SMOKE=0
CONNECTIONS=4
while [[ $# -gt 0 ]]; do
  case "$1" in
    --contacts) CONTACTS="$2"; shift 2 ;;
    --provider) PROVIDER="$2"; shift 2 ;;
    --cases) CASES="$2"; shift 2 ;;
    --duration) DURATION="$2"; shift 2 ;;
    --smoke) SMOKE=1; shift ;;
    -h|--help) sed -n 2,4p "$0"; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
if [[ $SMOKE == 1 ]]; then CONTACTS=2000; DURATION=2; fi
if [[ $PROVIDER != sqlite ]]; then echo "only --provider sqlite is supported so far" >&2; exit 2; fi
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 2; }

log() { echo "[bench] $*" >&2; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/crm-bench.XXXXXX")
DB="$WORK/crm.db"
API_PID=""; BASE_PID=""
cleanup() {
  [[ -n $API_PID ]] && kill "$API_PID" 2>/dev/null && wait "$API_PID" 2>/dev/null || true
  [[ -n $BASE_PID ]] && kill "$BASE_PID" 2>/dev/null && wait "$BASE_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log "building (Release)"
for p in src/CrmApi.Api bench/loader bench/baseline; do
  dotnet build -c Release "$p" -v q -nologo >"$WORK/build.log" 2>&1 || { cat "$WORK/build.log" >&2; exit 1; }
done

log "loading $CONTACTS contacts into $DB"
LOAD_START=$(date +%s.%N)
dotnet bench/loader/bin/Release/net10.0/CrmApi.Bench.Loader.dll "$CONTACTS" sqlite "Data Source=$DB" >"$WORK/load.out" 2>"$WORK/load.err" \
  || { cat "$WORK/load.err" >&2; exit 1; }
LOAD_SECONDS=$(python3 -c "import sys; print(f'{float(sys.argv[2])-float(sys.argv[1]):.1f}')" "$LOAD_START" "$(date +%s.%N)")
KEY=$(sed -n 's/^KEY=//p' "$WORK/load.out")
CONTACT=$(sed -n 's/^CONTACT=//p' "$WORK/load.out")
LASTNAME=$(sed -n 's/^LASTNAME=//p' "$WORK/load.out")

API_PORT=$(free_port)
ConnectionStrings__Crm="Data Source=$DB" ASPNETCORE_URLS="http://127.0.0.1:$API_PORT" Logging__LogLevel__Default=Warning \
  ASPNETCORE_ENVIRONMENT=Production dotnet src/CrmApi.Api/bin/Release/net10.0/CrmApi.Api.dll >"$WORK/api.log" 2>&1 &
API_PID=$!
BASE_PORT=$(free_port)
while [[ $BASE_PORT == "$API_PORT" ]]; do BASE_PORT=$(free_port); done
ConnectionStrings__Crm="Data Source=$DB" Logging__LogLevel__Default=Warning \
  dotnet bench/baseline/bin/Release/net10.0/CrmApi.Bench.Baseline.dll --urls "http://127.0.0.1:$BASE_PORT" >"$WORK/baseline.log" 2>&1 &
BASE_PID=$!

wait_ready() { # url pid name
  for _ in $(seq 1 300); do
    curl -sf -o /dev/null "$1/health/ready" && return 0
    kill -0 "$2" 2>/dev/null || { log "$3 exited"; cat "$WORK/$3.log" >&2; exit 1; }
    sleep 0.1
  done
  log "$3 not ready after 30 s"; cat "$WORK/$3.log" >&2; exit 1
}
API="http://127.0.0.1:$API_PORT"
BASE="http://127.0.0.1:$BASE_PORT"
wait_ready "$API" "$API_PID" api
wait_ready "$BASE" "$BASE_PID" baseline
log "API on $API, baseline on $BASE"

urlencode() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$1"; }
AUTH="Authorization: Bearer $KEY"

# The change feed is written by the API's use cases, not by the bulk loader: give it 100 events through the API.
for i in $(seq 1 100); do
  curl -sf -o /dev/null -X POST "$API/api/v1/contacts" -H "$AUTH" -H 'Content-Type: application/json' \
    -d "{\"firstName\":\"Feed$i\",\"lastName\":\"Bench\"}" || { log "seeding events failed"; exit 1; }
done

# case -> "api path|baseline path" (no baseline: empty)
declare -A API_PATH BASE_PATH DESC
API_PATH[get]="/api/v1/contacts/$CONTACT";                BASE_PATH[get]="/contacts/$CONTACT"
DESC[get]="GET one contact by id"
API_PATH[list]="/api/v1/contacts?filter=$(urlencode "{\"lastName\":{\"eq\":\"$LASTNAME\"}}")&sort=-createdAt&limit=50"
BASE_PATH[list]="/contacts?lastName=$LASTNAME"
DESC[list]="list 50, lastName eq, sort -createdAt"
API_PATH[custom]="/api/v1/contacts?filter=$(urlencode '{"custom.tier":{"eq":"gold"}}')&sort=-custom.score&limit=50"
BASE_PATH[custom]="/contacts?tier=gold"
DESC[custom]="list 50, custom.tier eq gold, sort -custom.score"
API_PATH[events]="/api/v1/events?limit=100";              BASE_PATH[events]=""
DESC[events]="change feed, 100 events"

# Check every case answers 200 before timing anything, and warm both servers up.
IFS=, read -ra CASE_LIST <<<"$CASES"
for c in "${CASE_LIST[@]}"; do
  [[ -n ${API_PATH[$c]:-} ]] || { log "unknown case: $c (known: ${!API_PATH[*]})"; exit 2; }
  code=$(curl -s -o "$WORK/check.json" -w '%{http_code}' -H "$AUTH" "$API${API_PATH[$c]}")
  [[ $code == 200 ]] || { log "case $c: API answered $code"; cat "$WORK/check.json" >&2; exit 1; }
  if [[ -n ${BASE_PATH[$c]} ]]; then
    code=$(curl -s -o /dev/null -w '%{http_code}' "$BASE${BASE_PATH[$c]}")
    [[ $code == 200 ]] || { log "case $c: baseline answered $code"; exit 1; }
  fi
done
WARM=$([[ $SMOKE == 1 ]] && echo 1 || echo 3)
for c in "${CASE_LIST[@]}"; do
  wrk -t2 -c$CONNECTIONS -d${WARM}s -H "$AUTH" "$API${API_PATH[$c]}" >/dev/null
  [[ -n ${BASE_PATH[$c]} ]] && wrk -t2 -c$CONNECTIONS -d${WARM}s "$BASE${BASE_PATH[$c]}" >/dev/null
done

# wrk --latency output -> "rps p50_ms p99_ms non2xx"
measure() { # url [header]
  local out
  if [[ $# -gt 1 ]]; then out=$(wrk -t2 -c$CONNECTIONS -d${DURATION}s --latency -H "$2" "$1"); else out=$(wrk -t2 -c$CONNECTIONS -d${DURATION}s --latency "$1"); fi
  awk '
    function ms(v) { if (v ~ /us$/) return v/1000; if (v ~ /ms$/) return v+0; if (v ~ /s$/) return v*1000; return v }
    /Requests\/sec:/ { rps = $2 }
    /^ +50%/ { p50 = ms($2) }
    /^ +99%/ { p99 = ms($2) }
    /Non-2xx or 3xx responses:/ { bad = $NF }
    /Socket errors:/ { errs = $0 }
    END { printf "%.0f %.2f %.2f %d\n", rps, p50, p99, bad + 0 }' <<<"$out"
}

DATE=$(date +%F)
mkdir -p bench/results
RESULT="bench/results/$DATE-sqlite-$CONTACTS.md"
{
  echo "# HTTP benchmark, $PROVIDER, $CONTACTS contacts ($DATE)"
  echo
  echo "wrk, $CONNECTIONS connections, ${DURATION} s per case, loopback; load ${LOAD_SECONDS} s; $(nproc) CPUs; $(dotnet --version) SDK$([[ $SMOKE == 1 ]] && echo '; smoke run, numbers are not meaningful')."
  echo "Baseline: bench/baseline (minimal API, hand-written SQL, no auth) over the same file. Ratio = API req/s ÷ baseline req/s."
  echo
  echo "| case | what | server | req/s | p50 ms | p99 ms | non-2xx | ratio to baseline |"
  echo "|---|---|---|---:|---:|---:|---:|---:|"
} >"$WORK/table.md"
for c in "${CASE_LIST[@]}"; do
  log "case $c"
  read -r rps p50 p99 bad < <(measure "$API${API_PATH[$c]}" "$AUTH")
  if [[ -n ${BASE_PATH[$c]} ]]; then
    read -r brps bp50 bp99 bbad < <(measure "$BASE${BASE_PATH[$c]}")
    ratio=$(awk -v a="$rps" -v b="$brps" 'BEGIN { printf (b > 0 ? "%.2f" : "n/a"), (b > 0 ? a / b : 0) }')
    echo "| $c | ${DESC[$c]} | api | $rps | $p50 | $p99 | $bad | $ratio |" >>"$WORK/table.md"
    echo "| $c | ${DESC[$c]} | baseline | $brps | $bp50 | $bp99 | $bbad | 1.00 |" >>"$WORK/table.md"
  else
    echo "| $c | ${DESC[$c]} | api | $rps | $p50 | $p99 | $bad | – |" >>"$WORK/table.md"
  fi
done
cp "$WORK/table.md" "$RESULT"
cat "$RESULT"
log "written to $RESULT"
