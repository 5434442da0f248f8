"""Loopback fakes that speak the real protocols: SMS services over HTTP, a modem over a pty."""
