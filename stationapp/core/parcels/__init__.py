"""parcels line."""
