"""数据导入: the household registry, the catalog and the billers from an uploaded XLSX or CSV,
through the very functions ``county-center import-households / import-catalog /
import-billers`` run, each with its audit line in the same transaction.

Those functions open their own transactions; ``one_transaction`` (``queries/admin.py``) lets
them write in the admin action's, with its audit line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from sync.server.reference import billers, catalog, household_registry, id_keys, places
from sync.server.reference.catalog_import import read_billers, read_catalog
from sync.server.reference.households_import import import_households
from sync.server.reference.kinds import Counts
from sync.server.storage import Storage
from sync.server.web.auth import Viewer, write_audit
from sync.server.web.queries.admin import admin_only, one_transaction

REFUSED_HEADER = ("行号", "户编号", "证件号码（已遮盖）", "原因")
PROBLEM_HEADER = ("行号", "原因")


@dataclass(frozen=True)
class ImportOutcome:
    """What an import did: ``imported`` False when nothing was written (catalog and billers
    are taken whole or not at all; the registry takes the rows it can)."""

    kind: str
    file_name: str
    imported: bool
    items: int = 0
    added: int = 0
    changed: int = 0
    unchanged: int = 0
    persons: int = 0
    refused_header: tuple[str, ...] = ()
    refused: list[tuple[Any, ...]] = field(default_factory=list)


def _audit(conn: sa.Connection, viewer: Viewer, outcome: ImportOutcome, address: str) -> None:
    detail = f"新增{outcome.added} 更新{outcome.changed} 未变{outcome.unchanged}"
    if outcome.refused:
        detail += f" 未导入{len(outcome.refused)}行"
    write_audit(
        conn,
        viewer.name,
        f"import_{outcome.kind}",
        target=outcome.file_name,
        detail=detail,
        address=address,
    )


def import_registry(
    storage: Storage,
    viewer: Viewer,
    data_dir: Path,
    path: Path,
    *,
    file_name: str,
    address: str,
) -> ImportOutcome:
    """The household registry: the households it can take are written, the rest reported."""
    admin_only(viewer)
    salt = id_keys.registry_salt(data_dir)
    with one_transaction(storage) as (joined, conn):
        result = import_households(joined, path, salt=salt)
        outcome = ImportOutcome(
            kind="households",
            file_name=file_name,
            imported=True,
            items=result.households,
            persons=result.persons,
            added=result.counts.added,
            changed=result.counts.changed,
            unchanged=result.counts.unchanged,
            refused_header=REFUSED_HEADER,
            refused=[(r.row, r.household_no, r.id_masked, r.reason) for r in result.refused],
        )
        places.publish_station_lists(conn)
        _audit(conn, viewer, outcome, address)
    return outcome


def import_catalog(
    storage: Storage, viewer: Viewer, path: Path, *, file_name: str, address: str
) -> ImportOutcome:
    """The catalog, whole or not at all (any refused row: nothing written)."""
    admin_only(viewer)
    items, problems = read_catalog(
        path, households=lambda numbers: household_registry.household_numbers(storage, numbers)
    )
    if problems:
        return _refused("catalog", file_name, problems)
    with one_transaction(storage) as (joined, conn):
        counts = catalog.upsert_catalog_items(joined, items)
        outcome = _counted("catalog", file_name, len(items), counts)
        places.publish_station_lists(conn)
        _audit(conn, viewer, outcome, address)
    return outcome


def import_billers(
    storage: Storage, viewer: Viewer, path: Path, *, file_name: str, address: str
) -> ImportOutcome:
    """The billers, whole or not at all."""
    admin_only(viewer)
    items, problems = read_billers(path)
    if problems:
        return _refused("billers", file_name, problems)
    with one_transaction(storage) as (joined, conn):
        counts = billers.upsert_billers(joined, items)
        outcome = _counted("billers", file_name, len(items), counts)
        places.publish_station_lists(conn)
        _audit(conn, viewer, outcome, address)
    return outcome


def _counted(kind: str, file_name: str, items: int, counts: Counts) -> ImportOutcome:
    return ImportOutcome(
        kind=kind,
        file_name=file_name,
        imported=True,
        items=items,
        added=counts.added,
        changed=counts.changed,
        unchanged=counts.unchanged,
    )


def _refused(kind: str, file_name: str, problems: list[Any]) -> ImportOutcome:
    return ImportOutcome(
        kind=kind,
        file_name=file_name,
        imported=False,
        refused_header=PROBLEM_HEADER,
        refused=[(problem.row, problem.reason) for problem in problems],
    )
