"""Pydantic request and response models of the HTTP API (not part of the domain)."""
