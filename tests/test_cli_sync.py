"""`stationapp enroll` and `stationapp sync` against a real county center on 127.0.0.1."""

from __future__ import annotations

import sqlite3

from tests.test_cli import run_cli, run_init


def test_enroll_then_sync_puts_every_record_at_the_county(county, tmp_path):
    folder = tmp_path / "st"
    assert run_init(folder, pin="1234").returncode == 0
    station_id, code = county.new_station()
    joined = run_cli(
        "--data-dir", str(folder), "enroll", "--server", county.base_url, "--code", code
    )
    assert joined.returncode == 0, joined.stderr
    assert station_id in joined.stdout
    synced = run_cli("--data-dir", str(folder), "sync")
    assert synced.returncode == 0, synced.stderr
    assert "已同步" in synced.stdout or "Synced" in synced.stdout
    conn = sqlite3.connect(folder / "station.db")
    local = conn.execute("SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1").fetchone()
    unpushed = conn.execute("SELECT count(*) FROM events WHERE pushed = 0").fetchone()[0]
    conn.close()
    assert county.head(station_id) == (local[0], local[1])
    assert unpushed == 0


def test_sync_without_joining_says_what_to_do(tmp_path):
    folder = tmp_path / "st"
    run_init(folder, pin="1234")
    result = run_cli("--data-dir", str(folder), "sync")
    assert result.returncode != 0
    assert result.stderr.strip()


def test_enroll_with_a_wrong_code_is_refused_and_keeps_the_station_unjoined(county, tmp_path):
    folder = tmp_path / "st"
    run_init(folder, pin="1234")
    result = run_cli(
        "--data-dir", str(folder), "enroll", "--server", county.base_url, "--code", "AAAA-BBBB-CCCC"
    )
    assert result.returncode == 2
    conn = sqlite3.connect(folder / "station.db")
    station_id = conn.execute("SELECT value FROM station_meta WHERE key = 'station_id'").fetchone()[
        0
    ]
    conn.close()
    assert station_id == ""
