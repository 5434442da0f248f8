"""Entry point of the bundled app: the same ``stationapp`` command as the installed package."""

from __future__ import annotations

import os
import sys


def _give_streams_to_windowed_app() -> None:
    """A windowed Windows executable has no stdout/stderr, and print() to None would crash."""
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115


def main() -> int:
    _give_streams_to_windowed_app()
    from stationapp.cli import main as stationapp_main

    return stationapp_main()


if __name__ == "__main__":
    sys.exit(main())
