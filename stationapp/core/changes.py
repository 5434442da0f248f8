"""What a command or a sync round changed, told to every screen as one record (STYLE.md, "A
change says what it changed"; Anki's ``OpChanges``): the lines touched, the events recorded,
the kinds of county data taken. A screen redraws when the record touches what it shows; no
screen looks at the type of what it is sent.

``lines.changes_of`` makes one from events (it knows which line each event type belongs to).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from stationapp.core.event_record import Event


@dataclass(frozen=True)
class Changes:
    lines: frozenset[str] = frozenset()  # "parcels", "sms", "county", "sync", "station"...
    events: tuple[Event, ...] = ()
    county_kinds: frozenset[str] = frozenset()  # "announcement", "catalog", ... (the feed's)
    settings: frozenset[str] = frozenset()  # the setting keys changed

    def touches(self, *lines: str) -> bool:
        return not self.lines.isdisjoint(lines)

    def has_event(self, *types: str) -> bool:
        return any(event.type in types for event in self.events)

    def event_types(self) -> frozenset[str]:
        return frozenset(event.type for event in self.events)

    def changed_setting(self, *prefixes: str) -> bool:
        """A setting whose key starts with one of ``prefixes`` changed (all: no prefixes)."""
        return (
            any(key.startswith(prefixes) for key in self.settings)
            if prefixes
            else bool(self.settings)
        )

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            lines=self.lines | other.lines,
            events=self.events + other.events,
            county_kinds=self.county_kinds | other.county_kinds,
            settings=self.settings | other.settings,
        )


NOTHING = Changes()


def settings_keys(events: Iterable[Event]) -> frozenset[str]:
    return frozenset(str(e.payload.get("key", "")) for e in events if e.type == "settings.changed")


__all__ = ["NOTHING", "Changes", "settings_keys"]
