#!/usr/bin/env bash
# Create .venv and install the locked dependencies when the lock changed since the last install.
# Usage: scripts/venv.sh [base|dev]
set -euo pipefail
cd "$(dirname "$0")/.."
kind=${1:-base}
lock="requirements/$kind.txt"
stamp=".venv/.installed-$kind"
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
if [ ! -f "$stamp" ] || ! cmp -s "$lock" "$stamp"; then
  echo "Installing $lock into .venv"
  .venv/bin/python -m pip install -q --disable-pip-version-check -r "$lock"
  cp "$lock" "$stamp"
fi
