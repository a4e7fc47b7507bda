"""Inbound HTTP adapter of subscriptions (FastAPI routes)."""
