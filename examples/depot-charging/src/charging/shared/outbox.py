"""Outbox port: durable, ordered storage of events waiting for asynchronous publication."""

from collections.abc import Sequence
from typing import Protocol

from charging.shared.model import DomainEvent


class Outbox(Protocol):
    """Written inside the business transaction; drained afterwards by the outbox relay."""

    def add(self, event: DomainEvent) -> None: ...

    def pending(self, limit: int = 100) -> list[tuple[int, DomainEvent]]: ...

    def mark_published(self, message_ids: Sequence[int]) -> None: ...
