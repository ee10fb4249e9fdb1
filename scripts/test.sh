#!/usr/bin/env bash
# THE test command: build (warnings are errors), run every test project against a throwaway
# PostgreSQL cluster, lint the committed OpenAPI document, run the README's first calls, and close with one line:
#   N passed, M failed[, K skipped]
#
# Environment:
#   CRM_TEST_POSTGRES   connection string of a server to use; when unset a cluster is started with
#                       scripts/pg.sh and removed on exit. Set it to an empty string to run without one.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true
if [[ -n "${CI:-}" ]]; then
  # Leave no MSBuild nodes behind in CI.
  export MSBUILDDISABLENODEREUSE=1
fi

START=$(date +%s)
PGDIR=""
TIME_PRINTED=""

print_time() {
  if [[ -z "$TIME_PRINTED" ]]; then
    TIME_PRINTED=1
    echo "wall time: $(( $(date +%s) - START ))s"
  fi
}

cleanup() {
  local rc=$?
  if [[ -n "$PGDIR" ]]; then
    "$ROOT/scripts/pg.sh" stop "$PGDIR" >/dev/null 2>&1 || echo "test.sh: could not stop the cluster in $PGDIR" >&2
  fi
  if [[ -n "${CI:-}" ]]; then
    dotnet build-server shutdown >/dev/null 2>&1 || true
  fi
  print_time
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

section() { echo; echo "=== $* ==="; }

# npm ci in a folder when its node_modules is missing or older than its package.json or lock file.
npm_ci_if_stale() {
  local dir=$1
  if [[ ! -f $dir/node_modules/.package-lock.json ||
        $dir/package-lock.json -nt $dir/node_modules/.package-lock.json ||
        $dir/package.json -nt $dir/node_modules/.package-lock.json ]]; then
    (cd "$dir" && npm ci --no-audit --no-fund)
  fi
}

section "dotnet tool restore"
dotnet tool restore

section "dotnet build (Release, warnings are errors)"
dotnet build CrmApi.sln -c Release -p:TreatWarningsAsErrors=true

if [[ -z "${CRM_TEST_POSTGRES+set}" ]]; then
  section "PostgreSQL"
  PGDIR=$(mktemp -d "${TMPDIR:-/tmp}/crm-test-pg.XXXXXX")
  CRM_TEST_POSTGRES=$("$ROOT/scripts/pg.sh" start "$PGDIR")
  export CRM_TEST_POSTGRES
  echo "CRM_TEST_POSTGRES=$CRM_TEST_POSTGRES"
elif [[ -z "$CRM_TEST_POSTGRES" ]]; then
  echo "CRM_TEST_POSTGRES is empty: tests that need PostgreSQL will not get a server"
fi

section "webhook test receiver (npm ci in tests/webhook-receiver)"
# The webhook signature tests run the standardwebhooks npm package (pinned in that folder's lock file) in a Node
# receiver; install it here so the tests need not. Its test helper runs the same `npm ci` if this step could not.
if command -v npm >/dev/null 2>&1; then
  npm_ci_if_stale tests/webhook-receiver || echo "test.sh: npm ci in tests/webhook-receiver failed; the webhook tests will try again" >&2
else
  echo "test.sh: npm is missing; the webhook signature tests need Node.js 20 and npm" >&2
fi

section "dotnet test"
RESULTS="$ROOT/TestResults/test-sh"
rm -rf "$RESULTS"
mkdir -p "$RESULTS"
set +e
dotnet test CrmApi.sln -c Release --no-build \
  --logger "console;verbosity=normal" \
  --logger "trx" \
  --results-directory "$RESULTS"
TEST_RC=$?
set -e

section "OpenAPI lint (redocly, recommended ruleset)"
LINT_RC=0
node_ok() {
  # @redocly/cli 2.77.0 needs Node >= 20.19 (20.x) or >= 22.12.
  local v major minor
  v=$(node -p 'process.versions.node' 2>/dev/null) || return 1
  major=${v%%.*}; minor=${v#*.}; minor=${minor%%.*}
  (( major > 22 || (major == 22 && minor >= 12) || (major == 20 && minor >= 19) ))
}
if ! command -v npm >/dev/null 2>&1 || ! node_ok; then
  echo "test.sh: the OpenAPI lint needs Node.js >= 20.19 (20.x) or >= 22.12 and npm; found: $(node -v 2>/dev/null || echo none)" >&2
  LINT_RC=1
elif [[ ! -f openapi/v1.json ]]; then
  echo "test.sh: openapi/v1.json is missing; write it with scripts/accept-openapi.sh" >&2
  LINT_RC=1
else
  npm_ci_if_stale . || LINT_RC=$?
  if [[ $LINT_RC -eq 0 ]]; then
    npx --no-install redocly lint --config .redocly.yaml openapi/v1.json || LINT_RC=$?
  fi
fi

section "README first calls (scripts/readme-smoke.sh)"
SMOKE_RC=0
bash scripts/readme-smoke.sh || SMOKE_RC=$?

# Sum the per-test outcomes over every project's .trx file.
passed=0 failed=0 skipped=0
shopt -s nullglob
trx_files=("$RESULTS"/*.trx)
shopt -u nullglob
if (( ${#trx_files[@]} > 0 )); then
  while read -r count outcome; do
    case "$outcome" in
      Passed) passed=$(( passed + count )) ;;
      NotExecuted|Inconclusive) skipped=$(( skipped + count )) ;;
      *) failed=$(( failed + count )) ;;
    esac
  done < <(grep -ho '<UnitTestResult [^>]*outcome="[A-Za-z]*"' "${trx_files[@]}" |
             sed 's/.*outcome="\([A-Za-z]*\)"$/\1/' | sort | uniq -c)
fi
if [[ $TEST_RC -ne 0 && $failed -eq 0 ]]; then
  # The run failed without a failed test in the reports (a crashed test host, a project
  # that wrote no report): count it as one failure so the line does not look green.
  echo "test.sh: dotnet test exited with $TEST_RC" >&2
  failed=1
fi

echo
[[ $TEST_RC -eq 0 ]] && echo "tests: ok" || echo "tests: FAILED (dotnet test exit code $TEST_RC)"
[[ $LINT_RC -eq 0 ]] && echo "openapi lint: ok" || echo "openapi lint: FAILED"
[[ $SMOKE_RC -eq 0 ]] && echo "readme smoke: ok" || echo "readme smoke: FAILED"
print_time
summary="$passed passed, $failed failed"
(( skipped > 0 )) && summary+=", $skipped skipped"
echo "$summary"

if [[ $TEST_RC -ne 0 || $LINT_RC -ne 0 || $SMOKE_RC -ne 0 ]]; then
  exit 1
fi
exit 0
