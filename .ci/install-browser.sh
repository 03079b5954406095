#!/usr/bin/env bash
# Debian's Chromium and chromedriver for the browser tests (tests/test_viewer.py).
# Idempotent: returns at once when both are installed; never downloads a browser build.
set -euo pipefail

if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then
  echo "install-browser: chromium and chromedriver already installed"
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq chromium chromium-driver >/dev/null
echo "install-browser: installed $(chromium --version 2>/dev/null | tail -n 1)"
