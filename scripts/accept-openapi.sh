#!/usr/bin/env bash
# Rewrites the committed OpenAPI document (openapi/v1.json) from the running API:
# runs only the approval test with CRM_ACCEPT_OPENAPI=1. Review the diff before committing.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 CRM_ACCEPT_OPENAPI=1
dotnet test tests/CrmApi.Api.Tests --filter "FullyQualifiedName~OpenApiDocumentTests" "$@"
echo "accept-openapi.sh: openapi/v1.json rewritten; review it with: git diff -- openapi/"
