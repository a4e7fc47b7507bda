"""Outbound SQLAlchemy adapter of invoicing."""
