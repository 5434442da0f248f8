"""Background work that talks to the network, off the database thread: sync rounds with the
county (and the feed they pull), and sending the outbox's texts. Each reports to the windows
with typed signals; what it recorded reaches the pages as a ``Changes``."""
