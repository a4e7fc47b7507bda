"""Outbound persistence adapter of payments, in SQLAlchemy Core: attempts are append-only rows."""
