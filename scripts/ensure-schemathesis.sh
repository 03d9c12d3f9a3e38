#!/usr/bin/env bash
# Installs the OpenAPI fuzzer schemathesis (pinned, from PyPI) into its own virtual environment in the
# tools cache outside the clone, so fresh clones and CI reuse it; never into the system's Python.
# Prints the path of the `st` executable. The contract test (test/openapi-contract.e2e-spec.ts)
# looks for it in the same place (or at SCHEMATHESIS_PATH).
set -euo pipefail

VERSION="4.32.5"
TOOLS="${XDG_CACHE_HOME:-$HOME/.cache}/rural-funds/tools"
DIR="$TOOLS/schemathesis-$VERSION"
VENV="$DIR/venv"
ST="$VENV/bin/st"

if [ -f "$DIR/.complete" ] && [ -x "$ST" ]; then
  echo "$ST"
  exit 0
fi

PYTHON="${PYTHON:-$(command -v python3 || true)}"
if [ -z "$PYTHON" ]; then
  echo "schemathesis 需要 Python 3（未找到 python3；可用 PYTHON=/path/to/python3 指定）" >&2
  exit 1
fi

echo "[setup] 安装 schemathesis $VERSION 到 $VENV …" >&2
# The marker is written last: a half-built environment from an interrupted run is rebuilt from scratch.
rm -rf "$VENV" "$DIR/.complete"
mkdir -p "$DIR"
"$PYTHON" -m venv "$VENV"
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "schemathesis==$VERSION" >&2
"$ST" --version >&2
touch "$DIR/.complete"
echo "$ST"
