"""The supervisor web's users (DESIGN §6, §10): ``county-center add-user``, argon2 hashes, the
password rules, and ``Passwords.verify`` for the login to come; on SQLite and PostgreSQL."""

# ruff: noqa: F811 (the shared fixtures are imported by name and then requested)

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from argon2 import PasswordHasher

from sync.server import cli
from sync.server.settings import Settings
from sync.server.storage import Storage
from sync.server.tables import users
from sync.server.users import (
    Passwords,
    UserRefused,
    add_user,
    check_password,
    find_user,
    list_users,
)
from tests.county_db import county_database_url  # noqa: F401  (a fixture)

GOOD_PASSWORD = "mengding-supervisor-2026"
CHEAP = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)  # tests only


@pytest.fixture
def storage(tmp_path, county_database_url) -> Iterator[Storage]:
    settings = Settings(
        data_dir=tmp_path,
        token_secret="u" * 48,
        database_url=county_database_url,
        development=True,
    )
    opened = Storage.open(settings)
    yield opened
    opened.close()


@pytest.fixture
def passwords(storage) -> Passwords:
    return Passwords(storage, hasher=CHEAP)


def _add(storage, passwords, **changes):
    values = {
        "name": "岩罕",
        "role": "supervisor",
        "township": "孟定镇",
        "password": GOOD_PASSWORD,
        **changes,
    }
    return add_user(storage, passwords=passwords, **values)


# --- adding --------------------------------------------------------------------------------------


def test_a_supervisor_is_added_with_their_township(storage, passwords):
    user = _add(storage, passwords)
    assert (user.name, user.role, user.township, user.active) == (
        "岩罕",
        "supervisor",
        "孟定镇",
        True,
    )
    assert find_user(storage, "岩罕") == user
    assert user.created_at.endswith("+08:00")


def test_an_admin_is_added_without_a_township(storage, passwords):
    user = _add(storage, passwords, name="county-admin", role="admin", township=None)
    assert (user.role, user.township) == ("admin", None)


def test_the_password_is_kept_only_as_an_argon2_hash(storage, passwords):
    _add(storage, passwords)
    with storage.engine.connect() as conn:
        stored = conn.execute(sa.select(users.c.password_hash)).scalar_one()
    assert stored.startswith("$argon2id$")
    assert GOOD_PASSWORD not in stored


def test_a_name_already_taken_is_refused(storage, passwords):
    _add(storage, passwords)
    with pytest.raises(UserRefused, match="A user named 岩罕 exists already"):
        _add(storage, passwords, township="勐撒镇")
    assert len(list_users(storage)) == 1


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"township": None}, "A supervisor sees the stations of one township"),
        ({"township": "  "}, "A supervisor sees the stations of one township"),
        ({"role": "admin"}, "An admin sees every township"),
        ({"role": "boss"}, "The role 'boss' is not one of supervisor, admin"),
        ({"name": "  "}, "The user has no name"),
        ({"name": "x" * 101}, "longer than 100 characters"),
        ({"name": "tab\there"}, "control characters"),
        ({"password": "short1"}, "The password has 6 characters; it needs at least 10"),
        ({"password": "13812345678"}, "only digits"),
        ({"password": "  岩罕  "}, "has 6 characters"),
        ({"name": "yanhan-mengding", "password": "YANHAN-MENGDING"}, "is the user's name"),
    ],
)
def test_a_refused_user_says_why_and_writes_nothing(storage, passwords, changes, message):
    with pytest.raises(UserRefused, match=message):
        _add(storage, passwords, **changes)
    assert list_users(storage) == []


@pytest.mark.parametrize("password", ["0123456789a", "correct horse", "十个汉字的密码也可以用"])
def test_a_password_of_ten_characters_not_all_digits_is_taken(password):
    check_password(password)


def test_the_database_itself_refuses_an_admin_with_a_township(storage):
    with pytest.raises(sa.exc.IntegrityError), storage.engine.begin() as conn:
        conn.execute(
            users.insert().values(
                name="x",
                role="admin",
                township="孟定镇",
                password_hash="h",
                created_at="2026-11-22T09:30:00.000+08:00",
                active=True,
            )
        )


# --- verifying ---------------------------------------------------------------------------------


def test_verify_gives_the_user_for_their_password(storage, passwords):
    added = _add(storage, passwords)
    assert passwords.verify("岩罕", GOOD_PASSWORD) == added


@pytest.mark.parametrize(
    ("name", "password"),
    [("岩罕", GOOD_PASSWORD + "x"), ("岩罕", ""), ("玉香", GOOD_PASSWORD), ("", "")],
)
def test_verify_gives_none_for_a_wrong_password_or_an_unknown_name(
    storage, passwords, name, password
):
    _add(storage, passwords)
    assert passwords.verify(name, password) is None


def test_verify_refuses_a_user_no_longer_active(storage, passwords):
    _add(storage, passwords)
    with storage.engine.begin() as conn:
        conn.execute(users.update().values(active=False))
    assert passwords.verify("岩罕", GOOD_PASSWORD) is None


def test_a_hash_made_with_weaker_parameters_is_made_again_at_login(storage, passwords):
    _add(storage, passwords)  # the cheap test parameters
    stronger = Passwords(storage, hasher=PasswordHasher(time_cost=2, memory_cost=2048))
    assert stronger.verify("岩罕", GOOD_PASSWORD) is not None
    with storage.engine.connect() as conn:
        stored = conn.execute(sa.select(users.c.password_hash)).scalar_one()
    assert "m=2048,t=2" in stored
    assert passwords.verify("岩罕", GOOD_PASSWORD) is not None  # still the same password


# --- county-center add-user ----------------------------------------------------------------------


class _Pipe(io.StringIO):
    def isatty(self) -> bool:
        return False


def _add_user_cli(data_dir: Path, stdin: str, *args: str, monkeypatch) -> int:
    monkeypatch.setattr("sys.stdin", _Pipe(stdin))
    return cli.main(["--data-dir", str(data_dir), "add-user", *args])


def test_add_user_reads_the_password_from_stdin_and_prints_the_user(tmp_path, monkeypatch, capsys):
    code = _add_user_cli(
        tmp_path,
        GOOD_PASSWORD + "\r\n",
        "--name",
        "岩罕",
        "--role",
        "supervisor",
        "--township",
        "孟定镇",
        "--password-stdin",
        monkeypatch=monkeypatch,
    )
    printed = json.loads(capsys.readouterr().out)
    assert code == 0
    assert printed == {"user_id": 1, "name": "岩罕", "role": "supervisor", "township": "孟定镇"}
    settings = Settings(data_dir=tmp_path, token_secret="u" * 48, development=True)
    storage = Storage.open(settings)
    try:
        assert Passwords(storage).verify("岩罕", GOOD_PASSWORD) is not None
    finally:
        storage.close()


@pytest.mark.parametrize(
    ("stdin", "args", "message"),
    [
        (
            GOOD_PASSWORD,
            ["--role", "admin", "--township", "孟定镇"],
            "An admin sees every township",
        ),
        (GOOD_PASSWORD, ["--role", "supervisor"], "give it with --township"),
        ("123456789012\n", ["--role", "admin"], "only digits"),
        ("", ["--role", "admin"], "No password came on standard input"),
    ],
)
def test_add_user_refuses_with_a_clear_message_and_exit_1(
    tmp_path, monkeypatch, capsys, stdin, args, message
):
    code = _add_user_cli(
        tmp_path, stdin, "--name", "岩罕", *args, "--password-stdin", monkeypatch=monkeypatch
    )
    captured = capsys.readouterr()
    assert code == 1
    assert message in captured.err
    assert captured.out == ""


def test_add_user_will_not_take_the_password_on_the_command_line(tmp_path, monkeypatch, capsys):
    with pytest.raises(SystemExit) as exit_:
        _add_user_cli(tmp_path, "", "--name", "岩罕", "--role", "admin", monkeypatch=monkeypatch)
    assert exit_.value.code == 2
    assert "--password-stdin" in capsys.readouterr().err


def test_add_user_twice_with_one_name_refuses_the_second(tmp_path, monkeypatch, capsys):
    args = ("--name", "岩罕", "--role", "admin", "--password-stdin")
    assert _add_user_cli(tmp_path, GOOD_PASSWORD, *args, monkeypatch=monkeypatch) == 0
    assert _add_user_cli(tmp_path, GOOD_PASSWORD, *args, monkeypatch=monkeypatch) == 1
    assert "exists already" in capsys.readouterr().err
