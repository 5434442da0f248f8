#!/usr/bin/env bash
# Build the one-folder bundle and prove that the built program works.
#
#   packaging/build.sh [DIST_DIR]           build into DIST_DIR (default: dist), then check it
#   packaging/build.sh --check-only DIST    check a bundle built before
#
# The check runs the bundle's own selftest offscreen on a fresh data folder, from outside the
# checkout and with no system time-zone database (as on Windows), then looks at what it made:
# a drawn screenshot, and a receipt PDF whose text carries the station's Chinese name. Then the
# console executable verifies the data the selftest wrote. Exits non-zero on any problem.
# Works on Linux and in Git Bash on Windows. Environment: PYTHON (default python3 or python),
# WORK_DIR (PyInstaller's build folder, default a temporary one), SELFTEST_TIMEOUT (seconds).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
check_only=0
if [[ "${1:-}" == "--check-only" ]]; then
    check_only=1
    shift
fi
DIST=${1:-$ROOT/dist}
mkdir -p "$DIST"
DIST=$(cd "$DIST" && pwd)
APP="$DIST/stationapp"
PYTHON=${PYTHON:-$(command -v python3 || command -v python)}

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

say() { printf '== %s\n' "$*"; }
fail() { printf 'FAIL: %s\n' "$*" >&2; exit 1; }

if [[ $check_only == 0 ]]; then
    say "building the bundle into $DIST"
    started=$(date +%s)
    "$PYTHON" -m PyInstaller --noconfirm --clean "$ROOT/packaging/stationapp.spec" \
        --distpath "$DIST" --workpath "${WORK_DIR:-$scratch/build}" --log-level WARN
    say "build took $(($(date +%s) - started)) s"
fi

[[ -d "$APP" ]] || fail "no bundle at $APP"
exe=""
[[ -f "$APP/stationapp.exe" ]] && exe=".exe"
say "bundle size: $(du -sh "$APP" | cut -f1)"

say "checking the bundle's contents"
for file in "stationapp$exe" "stationapp-cli$exe"; do
    [[ -f "$APP/$file" ]] || fail "$file is missing from the bundle"
done
internal="$APP/_internal"
for resource in resources/fonts/wqy-microhei.ttc resources/fonts/LICENSE-wqy-microhei.txt \
    resources/i18n/stationapp_zh_CN.qm tzdata/zoneinfo/Asia/Shanghai; do
    [[ -s "$internal/$resource" ]] || fail "$resource is missing from the bundle"
done
for pattern in "qtbase_zh_CN.qm" "*qoffscreen*"; do
    [[ -n $(find "$internal" -name "$pattern" -print -quit) ]] ||
        fail "$pattern is missing from the bundle"
done

say "running the bundle's selftest"
data="$scratch/data"
out="$scratch/out"
mkdir -p "$out"
run() {
    # From outside the checkout, with no tz database but the bundle's, and no display needed.
    (cd "$scratch" && PYTHONTZPATH="$scratch/no-tzdata" QT_QPA_PLATFORM=offscreen \
        timeout "${SELFTEST_TIMEOUT:-300}" "$@")
}
status=0
run "$APP/stationapp$exe" --data-dir "$data" selftest --out "$out" \
    >"$scratch/selftest.out" 2>"$scratch/selftest.err" || status=$?
cat "$scratch/selftest.out" "$scratch/selftest.err"
[[ $status == 0 ]] || fail "the bundle's selftest exited with $status"
# The app logs, and carries on, when Qt's or its own translation or the font is missing from
# the bundle: here that is a packaging fault.
if grep -E "was not found|could not be loaded|Traceback" "$scratch/selftest.err"; then
    fail "the bundle's selftest reported missing files (above)"
fi
"$PYTHON" "$ROOT/packaging/check_bundle.py" --data-dir "$data" --out "$out" ||
    fail "the selftest's output is not right"
run "$APP/stationapp-cli$exe" --data-dir "$data" verify ||
    fail "stationapp-cli verify exited with $?"

say "the bundle works: $APP"
