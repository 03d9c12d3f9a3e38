#!/usr/bin/env bash
# Installs one pinned PyPI tool into a virtual environment of its own in the tools cache outside the
# clone, so fresh clones and CI reuse it; never into the system's Python. Prints the path of its
# executable. Usage: ensure-python-tool.sh <cache-name> <version> <pip requirement> <executable> <check argument>
set -euo pipefail

NAME="$1"
VERSION="$2"
REQUIREMENT="$3"
EXECUTABLE="$4"
CHECK="$5"
TOOLS="${XDG_CACHE_HOME:-$HOME/.cache}/rural-funds/tools"
DIR="$TOOLS/$NAME-$VERSION"
VENV="$DIR/venv"
BIN="$VENV/bin/$EXECUTABLE"

if [ -f "$DIR/.complete" ] && [ -x "$BIN" ]; then
  echo "$BIN"
  exit 0
fi

PYTHON="${PYTHON:-$(command -v python3 || true)}"
if [ -z "$PYTHON" ]; then
  echo "$NAME 需要 Python 3（未找到 python3；可用 PYTHON=/path/to/python3 指定）" >&2
  exit 1
fi

echo "[setup] 安装 $REQUIREMENT 到 $VENV …" >&2
# The marker is written last: a half-built environment from an interrupted run is rebuilt from scratch.
rm -rf "$VENV" "$DIR/.complete"
mkdir -p "$DIR"
"$PYTHON" -m venv "$VENV"
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "$REQUIREMENT" >&2
"$BIN" "$CHECK" >/dev/null
touch "$DIR/.complete"
echo "$BIN"
