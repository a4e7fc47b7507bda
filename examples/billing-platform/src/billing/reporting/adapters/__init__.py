"""Adapters of reporting: read-only HTTP routes and SQL queries over its own ORM models."""
