"""Persistence: SQLAlchemy models and repositories, plus in-memory repositories for tests."""
