"""One router per resource of the county center's API."""
