"""county line."""
