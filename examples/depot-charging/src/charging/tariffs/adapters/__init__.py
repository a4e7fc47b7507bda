"""Tariffs adapters: SQLAlchemy mapping, repositories and read side, in-memory fakes."""
