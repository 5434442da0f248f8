"""The command line: init, verify, backup, restore, in Chinese by default."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def run_cli(*args: str, lang: str | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.pop("STATIONAPP_LANG", None)
    if lang:
        env["STATIONAPP_LANG"] = lang
    return subprocess.run(
        [sys.executable, "-m", "stationapp.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def run_init(
    folder: Path,
    *,
    pin: str,
    name: str = "芒艾村服务站",
    phone: str = "",
    lang: str | None = None,
) -> subprocess.CompletedProcess:
    """``stationapp init`` of a station in ``folder`` whose manager is 岩温."""
    phone_args = ("--phone", phone) if phone else ()
    return run_cli(
        "--data-dir", str(folder), "init", "--name", name, "--manager", "岩温", "--pin", pin,
        *phone_args, lang=lang,
    )  # fmt: skip


@pytest.fixture
def inited(tmp_path: Path) -> Path:
    folder = tmp_path / "st"
    result = run_init(folder, pin="123456", name="孟定镇芒艾村电商服务站", phone="0883-6123456")
    assert result.returncode == 0, result.stderr
    return folder


def test_init_creates_a_station_and_says_so_in_chinese(inited):
    assert (inited / "station.db").exists()


def test_verify_passes_on_a_new_station(inited):
    result = run_cli("--data-dir", str(inited), "verify")
    assert result.returncode == 0, result.stderr


def test_verify_names_the_edited_seq_and_exits_1(inited):
    conn = sqlite3.connect(inited / "station.db")
    conn.execute("UPDATE event_log SET payload = replace(payload, '岩温', '岩叫') WHERE seq = 1")
    conn.commit()
    conn.close()
    result = run_cli("--data-dir", str(inited), "verify")
    assert result.returncode == 1
    assert "seq 1" in result.stderr


def test_init_refuses_a_bad_pin_in_chinese_and_writes_nothing(tmp_path):
    folder = tmp_path / "st"
    result = run_init(folder, pin="12")
    assert result.returncode == 2
    assert "错误：密码是 4 到 8 位数字" in result.stderr
    assert not (folder / "station.db").exists()


def test_english_messages_when_asked(tmp_path):
    result = run_init(tmp_path / "st", pin="12", lang="en")
    assert "4 to 8 digits" in result.stderr


def test_backup_then_restore_brings_back_the_records(inited, tmp_path):
    copy = tmp_path / "copy.db"
    assert run_cli("--data-dir", str(inited), "backup", str(copy)).returncode == 0
    conn = sqlite3.connect(inited / "station.db")
    count = conn.execute("SELECT count(*) FROM events").fetchone()[0]
    conn.execute("DELETE FROM settings")
    conn.commit()
    conn.close()
    result = run_cli("--data-dir", str(inited), "restore", str(copy))
    assert result.returncode == 0, result.stderr
    assert list((inited / "backups").glob("before-restore-*.db"))
    assert run_cli("--data-dir", str(inited), "verify").returncode == 0
    conn = sqlite3.connect(inited / "station.db")
    assert conn.execute("SELECT count(*) FROM events").fetchone()[0] == count
    assert conn.execute("SELECT count(*) FROM settings").fetchone()[0] > 0
    conn.close()


def test_restore_refuses_a_file_that_is_not_a_backup(inited, tmp_path):
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database at all" * 100)
    before = (inited / "station.db").read_bytes()
    result = run_cli("--data-dir", str(inited), "restore", str(junk))
    assert result.returncode == 2
    assert (inited / "station.db").read_bytes() == before


def test_restore_refuses_a_tampered_backup(inited, tmp_path):
    copy = tmp_path / "copy.db"
    run_cli("--data-dir", str(inited), "backup", str(copy))
    conn = sqlite3.connect(copy)
    conn.execute("UPDATE event_log SET payload = replace(payload, '岩温', '岩叫') WHERE seq = 1")
    conn.commit()
    conn.close()
    result = run_cli("--data-dir", str(inited), "restore", str(copy), lang="en")
    assert result.returncode == 2
    assert "does not verify" in result.stderr
