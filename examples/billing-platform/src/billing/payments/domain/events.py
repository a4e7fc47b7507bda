"""Events of the payments context."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar

from billing.shared.events import DomainEvent


@dataclass(frozen=True, kw_only=True)
class PaymentSucceeded(DomainEvent):
    event_type: ClassVar[str] = "payment.succeeded"
    attempt_id: str
    invoice_id: str
    amount_minor: int
    currency: str
    provider_reference: str
    settled_at: datetime


@dataclass(frozen=True, kw_only=True)
class PaymentFailed(DomainEvent):
    """A charge was declined; `retryable` says whether trying again later could work."""

    event_type: ClassVar[str] = "payment.failed"
    attempt_id: str
    invoice_id: str
    decline_code: str
    retryable: bool
    settled_at: datetime
