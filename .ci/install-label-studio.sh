#!/usr/bin/env bash
# The pinned Label Studio server for tests/test_labelstudio_server.py, in its own venv
# (.label-studio-venv, git-ignored), apart from .venv so that its dependencies (Django, its own
# pinned libraries) do not clash with the project's. Idempotent: returns at once when installed.
set -euo pipefail
cd "$(dirname "$0")/.."
PIN="1.23.2"
VENV=".label-studio-venv"
if [ -x "$VENV/bin/label-studio" ] && [ "$("$VENV/bin/python" -c 'import importlib.metadata as m; print(m.version("label-studio"))' 2>/dev/null)" = "$PIN" ]; then
  echo "install-label-studio: label-studio $PIN already installed in $VENV"
  exit 0
fi
start=$(date +%s)
python3 -m venv "$VENV"
"$VENV/bin/pip" install -q --upgrade pip
"$VENV/bin/pip" install -q "label-studio==$PIN"
echo "install-label-studio: installed label-studio $PIN in $VENV in $(( $(date +%s) - start )) s"
