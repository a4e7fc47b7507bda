"""Outbound SQL adapter of reporting: its own read-only ORM models over the shared tables."""
