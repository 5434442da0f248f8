"""The county center's databases in tests: SQLite, and a real PostgreSQL.

PostgreSQL: one throwaway cluster per test session (``initdb`` in a temporary folder, listening
on 127.0.0.1 on a free port, fsync off), started on first use, unless ``COUNTY_TEST_DATABASE_URL``
names a server already (e.g. ``postgresql://user:pw@127.0.0.1:5432/postgres``; its role must be
allowed to CREATE DATABASE). Every test, or every county server, gets a fresh empty database,
dropped after it, so no test sees another's rows.

Without PostgreSQL's binaries the PostgreSQL cases skip with the reason; in CI (``CI=true``) they
fail instead, because CI installs PostgreSQL and no test may skip there for want of a part.

Use it from a test module by importing the fixtures (pytest finds them in the module's names)::

    # ruff: noqa: F811 (the shared fixtures are imported by name and then requested)
    from tests.county_db import county_database_url  # noqa: F401  (a fixture)

    def test_something(county_database_url): ...      # runs on sqlite and on postgresql
"""

from __future__ import annotations

import atexit
import contextlib
import ctypes
import os
import pwd
import re
import secrets
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import sqlalchemy as sa

from sync.server.storage import driver_url

ENV_TEST_DATABASE_URL = "COUNTY_TEST_DATABASE_URL"
DATABASE_KINDS = ("sqlite", "postgresql")
SUPERUSER = "county_test"
START_TIMEOUT_S = 60.0
READY_LINE = b"database system is ready to accept connections"
# Debian's packages put each major version's programs here (postgresql-15, -16...)
DEBIAN_BINDIRS = "/usr/lib/postgresql/*/bin"
PR_SET_PDEATHSIG = 1


class PostgresMissing(Exception):
    """PostgreSQL cannot be had on this machine; the text says why and what to install."""


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"true", "1", "yes"}


def missing_part(reason: str) -> None:
    """Skip for want of a part, with the reason; fail instead in CI."""
    if in_ci():
        pytest.fail(f"{reason} (CI must have every part: no test may skip there)", pytrace=False)
    pytest.skip(reason)


def find_postgres_bindir() -> Path | None:
    """The folder of ``initdb`` and ``postgres``: Debian's newest version, else the PATH's."""

    def version(folder: Path) -> tuple[int, ...]:
        return tuple(int(part) for part in re.findall(r"\d+", folder.parent.name)) or (0,)

    debian = sorted(Path("/").glob(DEBIAN_BINDIRS.lstrip("/")), key=version, reverse=True)
    on_path = shutil.which("initdb")
    candidates = [*debian, *([Path(on_path).parent] if on_path else [])]
    for folder in candidates:
        if (folder / "initdb").is_file() and (folder / "postgres").is_file():
            return folder
    return None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _database_name() -> str:
    return f"county_{secrets.token_hex(6)}"


@dataclass
class PostgresServer:
    """A PostgreSQL server this session may create and drop databases on."""

    admin_url: str

    def _admin(self) -> sa.Engine:
        return sa.create_engine(
            driver_url(self.admin_url), isolation_level="AUTOCOMMIT", poolclass=sa.NullPool
        )

    def create_database(self) -> str:
        """A new empty database (from template0); its URL, as ``postgresql://...``."""
        name = _database_name()
        engine = self._admin()
        try:
            with engine.connect() as conn:
                conn.exec_driver_sql(f'CREATE DATABASE "{name}" TEMPLATE template0 ENCODING UTF8')
        finally:
            engine.dispose()
        return database_url(self.admin_url, name)

    def drop_database(self, url: str) -> None:
        """Drop a database made by :meth:`create_database`, closing what still holds it."""
        name = sa.engine.make_url(url).database
        engine = self._admin()
        try:
            with engine.connect() as conn:
                conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        finally:
            engine.dispose()

    @contextlib.contextmanager
    def database(self) -> Iterator[str]:
        url = self.create_database()
        try:
            yield url
        finally:
            self.drop_database(url)


def database_url(server_url: str, name: str) -> str:
    """``server_url`` naming the database ``name`` instead, the password kept."""
    url = sa.engine.make_url(server_url).set(drivername="postgresql", database=name)
    return url.render_as_string(hide_password=False)


class ThrowawayCluster:
    """``initdb`` into a temporary folder and ``postgres`` on 127.0.0.1, as a non-root user.

    The server runs as the ``postgres`` user (else ``nobody``) when the tests run as root, since
    PostgreSQL refuses to run as root; it dies with the test process (parent-death signal)."""

    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        self.password = secrets.token_urlsafe(18)
        self.user = _server_user()
        self.folder = Path(tempfile.mkdtemp(prefix="county-pg-", dir=_temp_root(self.user)))
        self.data = self.folder / "data"
        self.log = self.folder / "postgres.log"
        self.port = 0
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def admin_url(self) -> str:
        return f"postgresql://{SUPERUSER}:{self.password}@127.0.0.1:{self.port}/postgres"

    def start(self) -> PostgresServer:
        if self.user is not None:
            os.chown(self.folder, self.user.pw_uid, self.user.pw_gid)
        self._initdb()
        for _attempt in range(3):  # a free port can be taken between the probe and the bind
            self.port = _free_port()
            self._launch()
            if self._wait_ready():
                return PostgresServer(self.admin_url)
        raise PostgresMissing(f"PostgreSQL did not start; its log:\n{self._log_tail()}")

    def _run_as_user(self) -> dict[str, object]:
        if self.user is None:
            return {}
        return {"user": self.user.pw_uid, "group": self.user.pw_gid, "extra_groups": []}

    def _initdb(self) -> None:
        password_file = self.folder / "password"
        password_file.write_text(self.password + "\n", encoding="utf-8")
        if self.user is not None:
            os.chown(password_file, self.user.pw_uid, self.user.pw_gid)
        command = [
            str(self.bindir / "initdb"),
            "--pgdata",
            str(self.data),
            "--username",
            SUPERUSER,
            "--pwfile",
            str(password_file),
            "--auth-local",
            "trust",
            "--auth-host",
            "scram-sha-256",
            "--encoding",
            "UTF8",
            "--no-locale",
            "--no-sync",
        ]
        done = subprocess.run(
            command, capture_output=True, text=True, cwd=self.folder, **self._run_as_user()
        )
        password_file.unlink()
        if done.returncode != 0:
            raise PostgresMissing(f"initdb failed: {done.stderr.strip() or done.stdout.strip()}")

    def _launch(self) -> None:
        settings = {
            "listen_addresses": "127.0.0.1",
            "port": str(self.port),
            "unix_socket_directories": str(self.folder),
            "fsync": "off",
            "synchronous_commit": "off",
            "full_page_writes": "off",
            "max_connections": "200",
            "shared_buffers": "64MB",
        }
        command = [str(self.bindir / "postgres"), "-D", str(self.data)]
        for name, value in settings.items():
            command += ["-c", f"{name}={value}"]
        self.process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            cwd=self.folder,
            preexec_fn=_die_with_parent_hook(),
            **self._run_as_user(),
        )
        self._ready = threading.Event()
        threading.Thread(target=self._copy_log, args=(self.process.stdout,), daemon=True).start()

    def _copy_log(self, output) -> None:
        """The server's output into the log file; ready (or gone) sets the event."""
        with self.log.open("ab") as log:
            for line in output:
                log.write(line)
                log.flush()
                if READY_LINE in line:
                    self._ready.set()
        self._ready.set()  # the server ended: _wait_ready finds it gone

    def _wait_ready(self) -> bool:
        import psycopg2

        assert self.process is not None
        if not self._ready.wait(START_TIMEOUT_S) or self.process.poll() is not None:
            self._stop_server()
            return False
        try:
            psycopg2.connect(_dsn(self.admin_url), connect_timeout=5).close()
        except psycopg2.OperationalError:
            self._stop_server()
            return False
        return True

    def _log_tail(self) -> str:
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-15:])
        except OSError:
            return "(no log)"

    def stop(self) -> None:
        """Fast shutdown of the server, then the folder is removed."""
        self._stop_server()
        shutil.rmtree(self.folder, ignore_errors=True)

    def _stop_server(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)
        self.process = None


def _dsn(url: str) -> str:
    parsed = sa.engine.make_url(url)
    parts = {
        "host": parsed.host,
        "port": parsed.port,
        "user": parsed.username,
        "password": parsed.password,
        "dbname": parsed.database,
    }
    return " ".join(f"{key}='{value}'" for key, value in parts.items() if value is not None)


def _server_user() -> pwd.struct_passwd | None:
    """The user PostgreSQL runs as: ourselves unless we are root."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        with contextlib.suppress(KeyError):
            return pwd.getpwnam(name)
    raise PostgresMissing("running as root and no 'postgres' or 'nobody' user to run PostgreSQL")


def _temp_root(user: pwd.struct_passwd | None) -> str | None:
    """The temporary folder, unless another user (the server's) could not reach into it."""
    root = Path(tempfile.gettempdir()).resolve()
    if user is None or all(folder.stat().st_mode & 0o001 for folder in (root, *root.parents)):
        return None
    return "/tmp"


def _die_with_parent_hook() -> Callable[[], None] | None:
    """A child-side hook that ends the server if the tests die (Linux's parent-death signal).

    Made in the parent: after the child became the server's user it may not read the Python
    installation any more, so it must not import anything."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        prctl = libc.prctl
    except (OSError, AttributeError):
        return None

    def hook() -> None:
        prctl(PR_SET_PDEATHSIG, signal.SIGQUIT)

    return hook


# --- the session's server, started once on first use ------------------------------------------

_server: PostgresServer | None = None
_cluster: ThrowawayCluster | None = None
_refusal: str | None = None


def postgres_server() -> PostgresServer:
    """This session's PostgreSQL server, started on the first call; raises PostgresMissing."""
    global _server, _cluster, _refusal
    if _server is not None:
        return _server
    if _refusal is not None:
        raise PostgresMissing(_refusal)
    named = os.environ.get(ENV_TEST_DATABASE_URL, "").strip()
    try:
        if named:
            _server = PostgresServer(named)
            return _server
        bindir = find_postgres_bindir()
        if bindir is None:
            raise PostgresMissing(
                "PostgreSQL is not installed (no initdb in /usr/lib/postgresql/*/bin or on the "
                f"PATH): apt-get install postgresql, or set {ENV_TEST_DATABASE_URL}"
            )
        _cluster = ThrowawayCluster(bindir)
        atexit.register(stop_postgres)
        _server = _cluster.start()
        return _server
    except PostgresMissing as exc:
        _refusal = str(exc)
        raise


def stop_postgres() -> None:
    """Stop the throwaway cluster, if this session started one (safe to call twice)."""
    global _server, _cluster
    if _cluster is not None:
        _cluster.stop()
    _cluster = None
    _server = None


def require_postgres() -> PostgresServer:
    """The session's server, or the test skips (fails in CI) with the reason."""
    try:
        return postgres_server()
    except PostgresMissing as exc:
        missing_part(str(exc))
        raise  # not reached: missing_part raises


@contextlib.contextmanager
def county_database(kind: str, folder: Path) -> Iterator[str]:
    """A fresh, empty county database of ``kind`` for one test or one county server: its URL.

    SQLite: a new ``county.db`` in ``folder``. PostgreSQL: a new database, dropped after."""
    if kind == "sqlite":
        folder.mkdir(parents=True, exist_ok=True)
        yield f"sqlite:///{folder / 'county.db'}"
        return
    if kind != "postgresql":
        raise ValueError(f"unknown database kind {kind!r}: one of {DATABASE_KINDS}")
    with require_postgres().database() as url:
        yield url


# --- fixtures ---------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def county_postgres() -> PostgresServer:
    """The session's PostgreSQL server (skips, or fails in CI, when there is none)."""
    return require_postgres()


@pytest.fixture(scope="module", params=DATABASE_KINDS)
def county_database_kind(request: pytest.FixtureRequest) -> str:
    """Each database kind in turn (sqlite, then postgresql), for a county server that a test
    module shares: make its database with :func:`county_database`."""
    if request.param == "postgresql":
        require_postgres()
    return request.param


@pytest.fixture(params=DATABASE_KINDS)
def county_database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh county database for this test, on SQLite and on PostgreSQL: its URL."""
    with county_database(request.param, tmp_path / "county-db") as url:
        yield url
