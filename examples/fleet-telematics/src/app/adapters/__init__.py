"""Adapters: implementations of the domain ports against PostgreSQL, Redis, HTTP APIs and device protocols."""
