"""The county center's structured logs: one JSON object per line on stderr, one line per request
with its fields, and never a token, an enrolment code, a phone number or a secret."""

from __future__ import annotations

import io
import json
import logging
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import requests

from sync import protocol
from sync.server.logs import (
    REQUEST_ID_HEADER,
    JsonLineFormatter,
    RequestContextFilter,
    redact,
    uvicorn_log_config,
)
from tests.county_server import LoopbackCounty

if TYPE_CHECKING:
    from fastapi import FastAPI

ROOT = Path(__file__).resolve().parents[1]
PHONE = "13812345678"
LANDLINE = "0883-6123456"


# --- redaction -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kept", "gone"),
    [
        ("Authorization: Bearer Zx9_kQ2-aa", "Bearer ***", "Zx9_kQ2-aa"),
        ("token=Zx9kQ2aaBB", "token=***", "Zx9kQ2aaBB"),
        ('{"code": "ABCD-EFGH-JKMN"}', '"code": "***"', "ABCD-EFGH-JKMN"),
        ("enrolled with ABCD-EFGH-JKMN", "****-****-****", "ABCD-EFGH-JKMN"),
        ("enrolled with abcd-efgh-jkmn", "****-****-****", "abcd-efgh-jkmn"),
        ("call 13812345678 now", "call 尾号5678 now", PHONE),
        ("call +86 138-1234-5678 now", "call 尾号5678 now", "1234-5678"),
        ("手机号13812345678无效", "手机号尾号5678无效", PHONE),
        ("station phone 0883-6123456", "phone 尾号3456", LANDLINE),
        ("station phone +86 883 6123456", "phone 尾号3456", "6123456"),
        ("head 53092619900307002X", "**************002X", "530926199003"),
        ("[SQL: INSERT]\n[parameters: ('13812345678', 'x')]\n(Background", "[parameters]", PHONE),
        ("t " + "Ab3_" * 11, "t ***", "Ab3_Ab3_"),  # a token's shape: long, url-safe, mixed case
    ],
)
def test_redact_takes_out_tokens_codes_phones_and_sql_parameters(text, kept, gone):
    assert kept in redact(text)
    assert gone not in redact(text)


@pytest.mark.parametrize(
    "text",
    [
        "GET /api/v1/sync/head 200",
        "head_hash " + "0f" * 32,  # a hex digest
        "station 01a20480-e7f2-7236-b4c7-dae8b3a0016f",  # a uuid
        "the code on the county's letter; status code 422",
        "seq 1234 of 20000",
    ],
)
def test_redact_keeps_what_is_no_secret(text):
    assert redact(text) == text


# --- the lines ----------------------------------------------------------------------------------


def test_a_record_is_one_json_line_with_time_level_logger_and_message():
    record = logging.LogRecord(
        "county_center", logging.WARNING, __file__, 1, "hello %s", ("x",), None
    )
    line = JsonLineFormatter().format(record)
    entry = json.loads(line)
    assert "\n" not in line
    assert (entry["level"], entry["logger"], entry["message"]) == (
        "WARNING",
        "county_center",
        "hello x",
    )
    assert entry["time"].endswith("+08:00")


def test_a_traceback_stays_on_the_line_and_is_redacted():
    try:
        raise RuntimeError(f"could not text {PHONE}")
    except RuntimeError:
        record = logging.LogRecord(
            "county_center", logging.ERROR, __file__, 1, "failed", (), sys.exc_info()
        )
    line = JsonLineFormatter().format(record)
    assert len(line.splitlines()) == 1
    assert "RuntimeError" in json.loads(line)["exception"]
    assert PHONE not in line


def test_the_uvicorn_config_turns_uvicorn_s_own_access_log_off():
    config = uvicorn_log_config()
    assert config["loggers"]["uvicorn.access"]["propagate"] is False
    assert config["loggers"]["uvicorn.access"]["handlers"] == []
    assert config["handlers"]["stderr"]["stream"] == "ext://sys.stderr"


# --- a request's line, in-process ---------------------------------------------------------------


class _County(LoopbackCounty):
    """The county app plus a route that fails, with one station enrolled over HTTP."""

    def __init__(self, data_dir: Path) -> None:
        super().__init__(data_dir)
        self.station_id, self.code = self.new_station()
        answer = requests.post(
            self.base_url + protocol.ENROLL_PATH, json={"code": self.code}, timeout=10
        )
        self.token = answer.json()["token"]

    def add_routes(self, app: FastAPI) -> None:
        @app.get("/api/v1/fails")
        def fails() -> None:
            raise RuntimeError(f"the provider refused {PHONE} with token={self.token}")


@pytest.fixture
def county(tmp_path) -> Iterator[_County]:
    with _County(tmp_path / "county") as server:
        yield server


@pytest.fixture
def log_lines() -> Iterator[io.StringIO]:
    """The county's logs as `serve` writes them (JSON lines), into a buffer for the test."""
    buffer = io.StringIO()
    handler = logging.StreamHandler(buffer)
    handler.setFormatter(JsonLineFormatter())
    handler.addFilter(RequestContextFilter())
    logger = logging.getLogger("county_center")
    level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    yield buffer
    logger.removeHandler(handler)
    logger.setLevel(level)


def _entries(buffer: io.StringIO) -> list[dict]:
    return [json.loads(line) for line in buffer.getvalue().splitlines()]


def test_a_request_s_line_has_method_path_status_duration_station_and_request_id(county, log_lines):
    answer = requests.get(
        county.base_url + protocol.HEAD_PATH,
        headers={"Authorization": f"Bearer {county.token}"},
        timeout=10,
    )
    assert answer.status_code == 200
    (entry,) = [e for e in _entries(log_lines) if e.get("path") == protocol.HEAD_PATH]
    assert entry["logger"] == "county_center.access"
    assert (entry["method"], entry["status"], entry["station_id"]) == (
        "GET",
        200,
        county.station_id,
    )
    assert isinstance(entry["duration_ms"], float)
    assert entry["request_id"] == answer.headers[REQUEST_ID_HEADER]


def test_a_refused_token_s_line_names_no_station(county, log_lines):
    requests.get(
        county.base_url + protocol.HEAD_PATH, headers={"Authorization": "Bearer nope"}, timeout=10
    )
    (entry,) = [e for e in _entries(log_lines) if e.get("path") == protocol.HEAD_PATH]
    assert entry["status"] == 401
    assert "station_id" not in entry


def test_a_request_id_from_the_reverse_proxy_is_kept(county, log_lines):
    answer = requests.get(
        county.base_url + "/healthz", headers={REQUEST_ID_HEADER: "nginx-42.a"}, timeout=10
    )
    assert answer.headers[REQUEST_ID_HEADER] == "nginx-42.a"
    assert _entries(log_lines)[-1]["request_id"] == "nginx-42.a"


def test_a_request_id_that_is_not_plain_is_replaced(county, log_lines):
    answer = requests.get(
        county.base_url + "/healthz", headers={REQUEST_ID_HEADER: "a b" + "x" * 80}, timeout=10
    )
    assert answer.headers[REQUEST_ID_HEADER] != "a b" + "x" * 80
    assert _entries(log_lines)[-1]["request_id"] == answer.headers[REQUEST_ID_HEADER]


def test_a_500_is_logged_with_its_traceback_and_request_id_and_without_secrets(county, log_lines):
    answer = requests.get(
        county.base_url + "/api/v1/fails",
        headers={"Authorization": f"Bearer {county.token}"},
        timeout=10,
    )
    assert answer.status_code == 500
    entries = _entries(log_lines)
    failure = next(e for e in entries if "exception" in e)
    request_line = next(e for e in entries if e.get("path") == "/api/v1/fails")
    assert failure["level"] == "ERROR" and "RuntimeError" in failure["exception"]
    assert failure["request_id"] == request_line["request_id"]
    assert request_line["status"] == 500 and request_line["level"] == "ERROR"
    text = log_lines.getvalue()
    assert county.token not in text
    assert PHONE not in text


# --- `county-center serve`, for real ------------------------------------------------------------


def _serve(data_dir: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "COUNTY_CENTER_DEVELOPMENT": "1", "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "sync.server.cli", "--data-dir", str(data_dir)]
    return subprocess.Popen(
        [*command, "serve", "--host", "127.0.0.1", "--port", "0"],
        env=env,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )


def test_serve_logs_json_lines_on_stderr_and_never_a_token_code_or_phone(tmp_path):
    env = {**os.environ, "COUNTY_CENTER_DEVELOPMENT": "1", "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "sync.server.cli", "--data-dir", str(tmp_path)]
    created = subprocess.run(
        [
            *command,
            "create-station",
            "--name",
            "芒艾村服务站",
            "--township",
            "孟定镇",
            "--village",
            "芒艾村",
        ],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    code = json.loads(created.stdout)["enrollment_code"]
    server = _serve(tmp_path)
    lines: list[str] = []
    try:
        assert server.stderr is not None
        for line in server.stderr:  # wait for the line that says where it listens
            lines.append(line)
            if "Uvicorn running on" in line:
                break
        base_url = json.loads(lines[-1])["message"].split("running on ")[1].split(" ")[0]
        token = requests.post(
            base_url + protocol.ENROLL_PATH, json={"code": code, "device_name": PHONE}, timeout=10
        ).json()["token"]
        bearer = {"Authorization": f"Bearer {token}"}
        requests.get(base_url + protocol.HEAD_PATH, headers=bearer, timeout=10)
        requests.get(
            base_url + protocol.FEED_PATH, params={"after": PHONE}, headers=bearer, timeout=10
        )
        requests.get(f"{base_url}/api/v1/stations/{PHONE}/{LANDLINE}", timeout=10)
        requests.get(base_url + protocol.HEAD_PATH + f"?token={token}", timeout=10)
    finally:
        server.terminate()
        _, rest = server.communicate(timeout=30)
    text = "".join(lines) + rest
    entries = [json.loads(line) for line in text.splitlines()]  # every line is one object
    assert {"time", "level", "logger", "message"} <= set(entries[0])
    requests_logged = [e for e in entries if e["logger"] == "county_center.access"]
    assert [e["path"] for e in requests_logged][:3] == [
        protocol.ENROLL_PATH,
        protocol.HEAD_PATH,
        protocol.FEED_PATH,
    ]
    assert not [e for e in entries if e["logger"] == "uvicorn.access"]
    county_secret = (tmp_path / "secret.key").read_text(encoding="utf-8").strip()
    for secret in (token, code, code.replace("-", ""), PHONE, LANDLINE, county_secret):
        assert secret not in text
