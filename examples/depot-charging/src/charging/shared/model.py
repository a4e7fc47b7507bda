"""Base building blocks every context extends: domain events, commands, queries, aggregate roots, identifiers."""

from datetime import UTC, datetime
from uuid import uuid4


def utcnow() -> datetime:
    """The current time, timezone-aware; every timestamp in this service is UTC."""
    return datetime.now(UTC)


def new_id(prefix: str) -> str:
    """A fresh opaque identifier such as ``ses_3f9c0e...``; the prefix names what is identified."""
    return f"{prefix}_{uuid4().hex}"


class DomainEvent:
    """Something that happened inside a context. Concrete events are frozen dataclasses."""

    @property
    def event_type(self) -> str:
        return type(self).__name__


class Command:
    """An intent to change state, handled by exactly one command handler."""


class Query:
    """A request for data, answered from read models without loading aggregates."""


class AggregateRoot:
    """A consistency boundary. It records domain events; the unit of work moves them to the outbox."""

    def __init__(self) -> None:
        self.events: list[DomainEvent] = []

    def pull_events(self) -> list[DomainEvent]:
        pending, self.events = self.events, []
        return pending
