"""Sync between a station and the county center: the shared protocol, the station's client and
the county's server (DESIGN §5, §6)."""
