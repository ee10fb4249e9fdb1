#!/usr/bin/env bash
# Runs the README's first calls against a fresh API on a temporary SQLite database and fails on any unexpected status.
# Usage: scripts/readme-smoke.sh   (builds and starts the API on a free loopback port, stops it afterwards)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
WORK=$(mktemp -d "${TMPDIR:-/tmp}/crm-smoke.XXXXXX")
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
BASE="http://127.0.0.1:$PORT"
API="$BASE/api/v1"
if ! dotnet build src/CrmApi.Api -c Release -v q >"$WORK/build.txt" 2>&1; then
  echo "FAIL the API does not build:"; grep -E "error" "$WORK/build.txt" | head -20; exit 1
fi
(cd "$WORK" && Crm__AdminKey=smoke-admin ASPNETCORE_URLS="$BASE" exec dotnet "$ROOT/src/CrmApi.Api/bin/Release/net10.0/CrmApi.Api.dll" >"$WORK/log.txt" 2>&1) &
PID=$!
trap 'kill $PID 2>/dev/null || true; wait $PID 2>/dev/null || true; rm -rf "$WORK"' EXIT
for _ in $(seq 1 100); do curl -fs "$BASE/health/ready" >/dev/null 2>&1 && break; sleep 0.2; done
KEY=$(grep -oE 'crm_[A-Za-z0-9_-]{43}' "$WORK/log.txt" | head -1)
[[ -n "$KEY" ]] || { echo "no key printed on first run"; cat "$WORK/log.txt"; exit 1; }
AUTH=(-H "Authorization: Bearer $KEY")
JSON=(-H 'Content-Type: application/json')
fail=0
expect() { # expected-status description curl-args...
  local want=$1 what=$2; shift 2
  local got; got=$(curl -s -o "$WORK/body" -w '%{http_code}' "$@")
  if [[ "$got" == "$want" ]]; then echo "ok   $got $what"; else echo "FAIL $got (want $want) $what: $(head -c 300 "$WORK/body")"; fail=1; fi
}
field() { python3 -c "import json,sys; print(json.load(open('$WORK/body'))$1)"; }

expect 201 "create contact" -X POST "$API/contacts" "${AUTH[@]}" "${JSON[@]}" \
  -d '{"firstName":"Ada","lastName":"Lovelace","emails":[{"value":"ada@example.com","primary":true}],
       "lifecycleStage":"lead","tags":["vip"],"externalIds":{"shopify":"8812"},"address":{"city":"London","country":"GB"}}'
CONTACT_ID=$(field '["id"]')
for attempt in first replayed; do
  expect 201 "create with Idempotency-Key ($attempt)" -X POST "$API/contacts" "${AUTH[@]}" "${JSON[@]}" \
    -H 'Idempotency-Key: 9b2f0c6e-1d4a-4e8b-a3c5-7f6d2e1b0a99' -d '{"firstName":"Grace","lastName":"Hopper"}'
done
expect 200 "the retried create made one contact" -G "$API/contacts" "${AUTH[@]}" --data-urlencode 'filter={"lastName":{"eq":"Hopper"}}'
[[ $(field '["data"].__len__()') == 1 ]] || { echo "FAIL the Idempotency-Key retry created a second contact"; fail=1; }
expect 201 "create company" -X POST "$API/companies" "${AUTH[@]}" "${JSON[@]}" \
  -d '{"name":"Analytical Engines","domain":"engines.example","industry":"Software","annualRevenue":1250000.50,"currency":"GBP"}'
COMPANY_ID=$(field '["id"]')
expect 200 "link" -X PUT "$API/contacts/$CONTACT_ID/companies/$COMPANY_ID" "${AUTH[@]}" "${JSON[@]}" -d '{"role":"Founder","primary":true}'
expect 200 "get" "$API/contacts/$CONTACT_ID" "${AUTH[@]}"
expect 304 "get if-none-match" "$API/contacts/$CONTACT_ID" "${AUTH[@]}" -H 'If-None-Match: "2"'
expect 200 "merge patch" -X PATCH "$API/contacts/$CONTACT_ID" "${AUTH[@]}" -H 'If-Match: "2"' \
  -H 'Content-Type: application/merge-patch+json' -d '{"jobTitle":"Analyst","address":{"city":null}}'
expect 412 "stale if-match" -X PATCH "$API/contacts/$CONTACT_ID" "${AUTH[@]}" -H 'If-Match: "2"' \
  -H 'Content-Type: application/merge-patch+json' -d '{"jobTitle":"Analyst"}'
expect 200 "by external id" "$API/contacts/by-external-id/shopify/8812" "${AUTH[@]}"
expect 200 "list with filter" -G "$API/contacts" "${AUTH[@]}" \
  --data-urlencode 'filter={"and":[{"lastName":{"eq":"Lovelace"}},{"company.industry":{"eq":"Software"}}]}' \
  --data-urlencode 'sort=lastName,-createdAt' --data-urlencode 'limit=20'
[[ $(field '["data"][0]["id"]') == "$CONTACT_ID" ]] || { echo "FAIL the filtered list lacks the contact"; fail=1; }
expect 200 "search" -X POST "$API/contacts/search" "${AUTH[@]}" "${JSON[@]}" -d '{"filter":{"tags":{"contains":"vip"}},"sort":["-createdAt"],"limit":50}'
expect 200 "meta" "$API/meta/objects/contact" "${AUTH[@]}"
expect 204 "delete" -X DELETE "$API/contacts/$CONTACT_ID" "${AUTH[@]}"
expect 200 "restore" -X POST "$API/contacts/$CONTACT_ID/restore" "${AUTH[@]}"
expect 201 "activity" -X POST "$API/activities" "${AUTH[@]}" "${JSON[@]}" \
  -d "{\"type\":\"call\",\"direction\":\"outbound\",\"durationSeconds\":240,\"outcome\":\"connected\",\"contactIds\":[\"$CONTACT_ID\"]}"
expect 200 "timeline" "$API/contacts/$CONTACT_ID/timeline" "${AUTH[@]}"
expect 200 "history" "$API/contacts/$CONTACT_ID/history?field=email" "${AUTH[@]}"
expect 200 "events" "$API/events?types=contact.*,company.created&limit=100" "${AUTH[@]}"
NEXT_CURSOR=$(field '["nextCursor"]')
expect 200 "events long poll" "$API/events?after=$NEXT_CURSOR&wait=1" "${AUTH[@]}"
expect 200 "event types" "$API/meta/event-types" "${AUTH[@]}"
expect 200 "pipelines" "$API/pipelines?objectType=deal" "${AUTH[@]}"
[[ $(field '["data"].__len__()') == 1 ]] || { echo "FAIL the workspace has no default deal pipeline"; fail=1; }
expect 201 "create pipeline" -X POST "$API/pipelines" "${AUTH[@]}" "${JSON[@]}" \
  -d '{"name":"Enterprise","objectType":"deal","stages":[{"key":"discovery","label":"Discovery","probability":0.2},
       {"key":"proposal","label":"Proposal","probability":0.6},{"key":"won","label":"Won","category":"won"},{"key":"lost","label":"Lost","category":"lost"}]}'
PIPELINE_ID=$(field '["id"]')
expect 201 "add stage" -X POST "$API/pipelines/$PIPELINE_ID/stages" "${AUTH[@]}" "${JSON[@]}" \
  -d '{"key":"demo","label":"Demo","probability":0.4,"position":1}'
expect 200 "change stage" -X PATCH "$API/pipelines/$PIPELINE_ID/stages/proposal" "${AUTH[@]}" \
  -H 'Content-Type: application/merge-patch+json' -d '{"label":"Proposal sent","probability":0.65}'
expect 204 "remove stage" -X DELETE "$API/pipelines/$PIPELINE_ID/stages/demo?moveTo=proposal" "${AUTH[@]}"
expect 201 "create deal" -X POST "$API/deals" "${AUTH[@]}" "${JSON[@]}" \
  -d "{\"name\":\"Engines renewal\",\"amount\":12500,\"currency\":\"EUR\",\"expectedCloseDate\":\"2026-03-31\",\"ownerId\":\"u-1\",
       \"pipelineId\":\"$PIPELINE_ID\",\"contacts\":[{\"contactId\":\"$CONTACT_ID\",\"role\":\"champion\"}],\"companyIds\":[\"$COMPANY_ID\"]}"
DEAL_ID=$(field '["id"]')
[[ $(field '["stage"]') == discovery ]] || { echo "FAIL the deal is not in its pipeline's first stage"; fail=1; }
expect 200 "move deal" -X PATCH "$API/deals/$DEAL_ID" "${AUTH[@]}" -H 'Content-Type: application/merge-patch+json' -d '{"stage":"won"}'
[[ $(field '["closedAt"]') != None ]] || { echo "FAIL a won deal has no closedAt"; fail=1; }
expect 200 "stage history" "$API/deals/$DEAL_ID/stage-history" "${AUTH[@]}"
[[ $(field '["data"].__len__()') == 2 ]] || { echo "FAIL the stage history lacks a stay"; fail=1; }
expect 200 "deals by stage category" -G "$API/deals" "${AUTH[@]}" \
  --data-urlencode 'filter={"and":[{"stage.category":{"eq":"won"}},{"company.industry":{"eq":"Software"}}]}'
[[ $(field '["data"][0]["id"]') == "$DEAL_ID" ]] || { echo "FAIL the filtered deal list lacks the deal"; fail=1; }
expect 200 "forecast" "$API/deals/forecast?from=2026-01-01&to=2026-12-31&period=quarter&groupBy=owner" "${AUTH[@]}"
expect 201 "sla policy" -X POST "$API/sla-policies" "${AUTH[@]}" "${JSON[@]}" \
  -d '{"name":"Office hours","conditions":{"priority":{"in":["high","urgent"]}},
       "calendar":{"timeZone":"Europe/London","weeklyHours":{"monday":[{"start":"09:00","end":"17:00"}],
         "tuesday":[{"start":"09:00","end":"17:00"}],"wednesday":[{"start":"09:00","end":"17:00"}],
         "thursday":[{"start":"09:00","end":"17:00"}],"friday":[{"start":"09:00","end":"17:00"}]},"holidays":["2026-12-25"]},
       "targets":{"low":{"firstResponseMinutes":480,"resolutionMinutes":2400},"normal":{"firstResponseMinutes":240,"resolutionMinutes":960},
         "high":{"firstResponseMinutes":60,"resolutionMinutes":480},"urgent":{"firstResponseMinutes":30,"resolutionMinutes":240}}}'
POLICY_ID=$(field '["id"]')
expect 201 "create ticket" -X POST "$API/tickets" "${AUTH[@]}" "${JSON[@]}" \
  -d "{\"subject\":\"Engine overheats\",\"priority\":\"high\",\"channel\":\"email\",\"requesterId\":\"$CONTACT_ID\",\"companyId\":\"$COMPANY_ID\"}"
TICKET_ID=$(field '["id"]')
[[ $(field '["sla"]["policyId"]') == "$POLICY_ID" ]] || { echo "FAIL the ticket is not under the SLA policy"; fail=1; }
expect 201 "comment" -X POST "$API/tickets/$TICKET_ID/comments" "${AUTH[@]}" "${JSON[@]}" \
  -d '{"body":"Looking into it","public":true,"author":{"type":"agent","id":"agent-7"}}'
expect 200 "solve ticket" -X PATCH "$API/tickets/$TICKET_ID" "${AUTH[@]}" -H 'Content-Type: application/merge-patch+json' -d '{"stage":"solved"}'
[[ $(field '["sla"]["firstResponse"]["achievedAt"]') != None ]] || { echo "FAIL the reply is not the first response"; fail=1; }
expect 201 "satisfaction" -X POST "$API/tickets/$TICKET_ID/satisfaction" "${AUTH[@]}" "${JSON[@]}" -d '{"score":5,"comment":"Fixed in an hour"}'
expect 200 "tickets by due instant" -G "$API/tickets" "${AUTH[@]}" \
  --data-urlencode 'filter={"sla.resolutionDueAt":{"lt":"2026-12-01T12:00:00Z"}}' --data-urlencode 'sort=sla.resolutionDueAt'
expect 201 "webhook" -X POST "$API/webhooks" "${AUTH[@]}" "${JSON[@]}" \
  -d '{"url":"https://erp.example.com/hooks/crm","eventTypes":["deal.won","deal.stage_changed"],"filter":{"amount":{"gte":10000}},"enabled":false}'
WEBHOOK_ID=$(field '["id"]')
[[ $(field '["secret"]') == whsec_* ]] || { echo "FAIL the new webhook shows no secret"; fail=1; }
expect 200 "webhook deliveries" "$API/webhooks/$WEBHOOK_ID/deliveries?state=failed" "${AUTH[@]}"
expect 200 "webhook recover" -X POST "$API/webhooks/$WEBHOOK_ID/recover" "${AUTH[@]}" "${JSON[@]}" -d '{"since":"2026-11-20T00:00:00Z"}'
expect 204 "delete webhook" -X DELETE "$API/webhooks/$WEBHOOK_ID" "${AUTH[@]}"
expect 201 "segment" -X POST "$API/segments" "${AUTH[@]}" "${JSON[@]}" \
  -d '{"name":"Software customers","objectType":"contact","kind":"dynamic","filter":{"and":[{"lifecycleStage":{"eq":"customer"}},{"company.industry":{"eq":"Software"}}]}}'
SEGMENT_ID=$(field '["id"]')
[[ $(field '["state"]') == building ]] || { echo "FAIL a new dynamic segment is not building"; fail=1; }
expect 200 "segment members" "$API/segments/$SEGMENT_ID/members?limit=100" "${AUTH[@]}"
expect 200 "contact segments" "$API/contacts/$CONTACT_ID/segments" "${AUTH[@]}"
expect 201 "api key" -X POST "$API/api-keys" "${AUTH[@]}" "${JSON[@]}" -d '{"name":"dashboard","scopes":["contacts:read","companies:read"]}'
expect 201 "workspace (admin)" -X POST "$API/workspaces" -H 'Authorization: Bearer smoke-admin' "${JSON[@]}" -d '{"name":"Acme"}'
expect 200 "ready" "$BASE/health/ready"
expect 200 "swagger" "$BASE/swagger/index.html"
exit $fail
