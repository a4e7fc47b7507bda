"""Events of the subscriptions context. Each carries ids and plain values, and a type string to subscribe to."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import ClassVar

from billing.shared.events import DomainEvent


@dataclass(frozen=True, kw_only=True)
class SubscriptionStarted(DomainEvent):
    """A customer subscribed; the first period is billable at once."""

    event_type: ClassVar[str] = "subscription.started"
    subscription_id: str
    customer_id: str
    plan_id: str
    period_start: date
    period_end: date
    amount_minor: int
    currency: str


@dataclass(frozen=True, kw_only=True)
class SubscriptionRenewed(DomainEvent):
    """A new period began and is billable."""

    event_type: ClassVar[str] = "subscription.renewed"
    subscription_id: str
    customer_id: str
    plan_id: str
    period_start: date
    period_end: date
    amount_minor: int
    currency: str


@dataclass(frozen=True, kw_only=True)
class SubscriptionSuspended(DomainEvent):
    """Service stopped because an invoice could not be collected."""

    event_type: ClassVar[str] = "subscription.suspended"
    subscription_id: str
    customer_id: str
    invoice_id: str
