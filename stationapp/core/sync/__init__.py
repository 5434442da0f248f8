"""sync line."""
