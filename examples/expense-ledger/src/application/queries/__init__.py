"""Queries: read requests, answered with read models."""
