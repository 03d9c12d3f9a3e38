#!/usr/bin/env bash
# moto's S3-compatible server, for the S3 attachment test (test/attachments-s3.e2e-spec.ts, which looks
# for it in the tools cache or at MOTO_SERVER_PATH). Prints the path of `moto_server`.
set -euo pipefail
VERSION="5.2.5"
exec bash "$(dirname "$0")/ensure-python-tool.sh" moto "$VERSION" "moto[server]==$VERSION" moto_server --help
