#!/usr/bin/env bash
# Installs moto's S3-compatible server (pinned, from PyPI) into its own virtual environment in the
# tools cache outside the clone, like the schemathesis script; never into the system's Python.
# Prints the path of the `moto_server` executable. The S3 attachment test (test/attachments-s3.e2e-spec.ts)
# looks for it in the same place (or at MOTO_SERVER_PATH).
set -euo pipefail

VERSION="5.2.5"
TOOLS="${XDG_CACHE_HOME:-$HOME/.cache}/rural-funds/tools"
DIR="$TOOLS/moto-$VERSION"
VENV="$DIR/venv"
SERVER="$VENV/bin/moto_server"

if [ -f "$DIR/.complete" ] && [ -x "$SERVER" ]; then
  echo "$SERVER"
  exit 0
fi

PYTHON="${PYTHON:-$(command -v python3 || true)}"
if [ -z "$PYTHON" ]; then
  echo "moto 需要 Python 3（未找到 python3；可用 PYTHON=/path/to/python3 指定）" >&2
  exit 1
fi

echo "[setup] 安装 moto[server] $VERSION 到 $VENV …" >&2
# The marker is written last: a half-built environment from an interrupted run is rebuilt from scratch.
rm -rf "$VENV" "$DIR/.complete"
mkdir -p "$DIR"
"$PYTHON" -m venv "$VENV"
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "moto[server]==$VERSION" >&2
"$SERVER" --help >/dev/null
touch "$DIR/.complete"
echo "$SERVER"
