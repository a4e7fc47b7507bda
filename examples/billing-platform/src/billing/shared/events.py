"""The base class of every domain event, and how an event becomes a message other contexts can read."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime
from enum import Enum
from typing import Any, ClassVar
from uuid import uuid4


def utcnow() -> datetime:
    """The current time, timezone-aware. Every timestamp in the platform is UTC."""
    return datetime.now(UTC)


@dataclass(frozen=True, kw_only=True)
class DomainEvent:
    """Base of the events of every context.

    Subclasses are frozen dataclasses that carry ids and a few plain values, never domain objects, and
    set `event_type`: the string other contexts subscribe to, since they cannot import the class.
    """

    event_type: ClassVar[str] = ""
    event_id: str = field(default_factory=lambda: uuid4().hex)
    occurred_at: datetime = field(default_factory=utcnow)

    def to_message(self) -> dict[str, Any]:
        """The wire form: the type string, the envelope, and the payload as JSON-friendly values."""
        payload = {key: _plain(value) for key, value in asdict(self).items() if key not in ("event_id", "occurred_at")}
        return {
            "event_type": self.event_type,
            "event_id": self.event_id,
            "occurred_at": self.occurred_at.isoformat(),
            "data": payload,
        }


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    return value
