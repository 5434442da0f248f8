#!/usr/bin/env bash
# Set up and start Village Station on its embedded default: a local SQLite file, no server.
# Extra arguments go to the app, e.g. `bash scripts/run.sh --data-dir /tmp/demo`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/system-deps.sh
bash scripts/venv.sh
exec .venv/bin/stationapp "$@"
