#!/usr/bin/env bash
# The OpenAPI fuzzer schemathesis, for the contract test (test/openapi-contract.e2e-spec.ts, which looks
# for it in the tools cache or at SCHEMATHESIS_PATH). Prints the path of `st`.
set -euo pipefail
VERSION="4.32.5"
exec bash "$(dirname "$0")/ensure-python-tool.sh" schemathesis "$VERSION" "schemathesis==$VERSION" st --version
