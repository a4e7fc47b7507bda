"""Connection settings, read from the environment with development defaults."""

from __future__ import annotations

import os

NOTIFICATIONS_SENDER = os.environ.get("NOTIFICATIONS_SENDER", "lockers@example.com")


def get_postgres_uri() -> str:
    host = os.environ.get("DB_HOST", "localhost")
    port = 54321 if host == "localhost" else 5432
    password = os.environ.get("DB_PASSWORD", "lockers")
    return f"postgresql://lockers:{password}@{host}:{port}/lockers"


def get_redis_host_and_port() -> dict[str, str | int]:
    host = os.environ.get("REDIS_HOST", "localhost")
    port = 63791 if host == "localhost" else 6379
    return dict(host=host, port=port)


def get_email_host_and_port() -> dict[str, str | int]:
    host = os.environ.get("EMAIL_HOST", "localhost")
    port = 11025 if host == "localhost" else 1025
    return dict(host=host, port=port)
