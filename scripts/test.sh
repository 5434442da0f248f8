#!/usr/bin/env bash
# Set up and run the whole test suite (lint, then pytest). Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/system-deps.sh
bash scripts/venv.sh test,bundle
export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"
.venv/bin/ruff check stationapp tests bench scripts
.venv/bin/python -m pytest -q "$@"
