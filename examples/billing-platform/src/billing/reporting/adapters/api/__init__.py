"""Inbound HTTP adapter of reporting (FastAPI routes for the finance dashboard)."""
