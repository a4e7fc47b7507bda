"""Outbound SQLAlchemy adapter of subscriptions: ORM rows and the repositories that map them."""
