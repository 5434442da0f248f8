"""What each business line drives in ``tests/test_lines_complete.py``'s station of every event
type: one module per line (``orders.py``, ``produce.py``...), each with ``drive(station)``
writing at least one event of every type the line projects. A new line adds its module here
and edits nothing else; the fixture finds it."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from typing import Any


def line_drivers() -> list[Callable[[Any], None]]:
    return [
        importlib.import_module(f"{__name__}.{module.name}").drive
        for module in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name)
    ]
