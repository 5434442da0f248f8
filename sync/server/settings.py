"""The county center's settings: a plain dataclass, read once by a cached ``get_settings()``.

The token secret keys the hashes of tokens and enrolment codes kept in the database, so a copy
of the database alone does not let anyone try codes offline. A default or empty secret is
refused outside development mode.
"""

from __future__ import annotations

import functools
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from sync import protocol

SECRET_FILE = "secret.key"
DB_FILE = "county.db"
MIN_SECRET_LENGTH = 32
DEVELOPMENT_SECRET = "development-only-secret-do-not-use-in-production"
# values people paste from examples; never a real secret
WEAK_SECRETS = frozenset({"", "changeme", "change-me", "secret", "default", DEVELOPMENT_SECRET})

ENV_DATA_DIR = "COUNTY_CENTER_DATA_DIR"
ENV_DATABASE_URL = "COUNTY_CENTER_DATABASE_URL"
ENV_SECRET = "COUNTY_CENTER_SECRET"
ENV_DEVELOPMENT = "COUNTY_CENTER_DEVELOPMENT"
# the web is served over HTTPS (by a proxy in front): its cookies are then sent only over it
ENV_HTTPS = "COUNTY_CENTER_HTTPS"


class SettingsError(Exception):
    """A setting the county center cannot run with; the text says what to do."""


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    token_secret: str
    database_url: str = ""
    development: bool = False
    max_body_bytes: int = protocol.MAX_BODY_BYTES
    https: bool = False  # the supervisor web's cookies carry Secure

    def __post_init__(self) -> None:
        if self.development:
            return
        if self.token_secret.strip() in WEAK_SECRETS:
            raise SettingsError(
                f"The token secret is empty or a well-known default. Set {ENV_SECRET} to a long "
                f"random value (or let county-center write {SECRET_FILE} in the data folder), "
                f"or set {ENV_DEVELOPMENT}=1 on a development machine."
            )
        if len(self.token_secret) < MIN_SECRET_LENGTH:
            raise SettingsError(
                f"The token secret is shorter than {MIN_SECRET_LENGTH} characters. Set "
                f"{ENV_SECRET} to a longer random value."
            )

    @property
    def url(self) -> str:
        """The database: PostgreSQL when given, else county.db in the data folder."""
        return self.database_url or f"sqlite:///{self.data_dir / DB_FILE}"


def _truthy(value: str | None) -> bool:
    return (value or "").strip().lower() in {"1", "true", "yes", "on"}


def ensure_secret_file(data_dir: Path) -> Path:
    """Write a random secret into the data folder once (readable by its owner only)."""
    path = Path(data_dir) / SECRET_FILE
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(secrets.token_urlsafe(48))
    return path


def load_settings(
    data_dir: Path | str | None = None,
    database_url: str | None = None,
    *,
    development: bool | None = None,
) -> Settings:
    """Settings from the arguments, then the environment, then the secret file in the folder."""
    folder = Path(data_dir or os.environ.get(ENV_DATA_DIR) or "county-data").resolve()
    dev = _truthy(os.environ.get(ENV_DEVELOPMENT)) if development is None else development
    secret = os.environ.get(ENV_SECRET, "")
    secret_file = folder / SECRET_FILE
    if not secret and secret_file.exists():
        secret = secret_file.read_text(encoding="utf-8").strip()
    if not secret and dev:
        secret = DEVELOPMENT_SECRET
    return Settings(
        data_dir=folder,
        token_secret=secret,
        database_url=database_url or os.environ.get(ENV_DATABASE_URL, ""),
        development=dev,
        https=_truthy(os.environ.get(ENV_HTTPS)),
    )


@functools.cache
def get_settings() -> Settings:
    """The settings of this process, read once from the environment."""
    return load_settings()
