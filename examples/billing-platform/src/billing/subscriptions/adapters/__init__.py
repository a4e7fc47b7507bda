"""Adapters of subscriptions: HTTP routes, SQLAlchemy persistence, in-memory doubles and the event worker."""
