"""bench/lines.py --quick runs to its end and prints every figure of issue 11 as a JSON line with
its size, target and baseline (no timing is asserted: the figures go in docs/benchmarks.md)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FIGURES = {
    "produce.buy",
    "produce.stock",
    "produce.today",
    "produce.home",
    "produce.buy_with_voucher.event",
    "produce.buy_with_voucher.pdf",
    "households.log",
    "households.ledger_year_xlsx",
    "county.ingest_sqlite",
}
SCALE = "scale.frame_to_reading"


def test_the_quick_bench_prints_every_figure_as_json():
    done = subprocess.run(
        [sys.executable, str(REPO / "bench" / "lines.py"), "--quick"],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=REPO,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    lines = [json.loads(line) for line in done.stdout.splitlines() if line.strip()]
    expected = FIGURES | ({SCALE} if sys.platform != "win32" else set())
    assert {line["bench"] for line in lines} == expected
    for line in lines:
        assert isinstance(line["value"], (int, float)) and line["unit"]
        assert isinstance(line["target"], (int, float))
        assert isinstance(line["baseline"], (int, float)) and line["baseline_of"]
        assert "purchases" in line or "frames" in line
    for bench in FIGURES:
        sizes = {line["purchases"] for line in lines if line["bench"] == bench}
        assert len(sizes) == 2, f"{bench} at two sizes"
