"""How far each station's own log goes, as its pushes say (``X-Station-Head``): with the
county's head, the records still waiting at the station. Optional: an older station does not
say, and a value that is no count is ignored (it never fails the push it came with)."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from stationapp.core import clock
from sync.server.tables import station_heads

LARGEST = 2**62


def parse_head(value: str | None) -> int | None:
    """The header's seq, or None for none or anything but a plain count."""
    if value is None or not value.strip().isdigit():
        return None
    seq = int(value.strip())
    return seq if seq <= LARGEST else None


def record_head(conn: sa.Connection, station_id: str, head_seq: int) -> None:
    """Keep ``head_seq`` as what the station last said of its own log (in the push's own
    transaction: no commit of its own)."""
    values = {"station_id": station_id, "head_seq": head_seq, "reported_at": clock.now_iso()}
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    insert = dialect.insert(station_heads).values(**values)
    conn.execute(
        insert.on_conflict_do_update(
            index_elements=["station_id"],
            set_={
                "head_seq": insert.excluded.head_seq,
                "reported_at": insert.excluded.reported_at,
            },
        )
    )
