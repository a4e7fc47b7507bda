"""Events of the invoicing context, with the type strings payments and subscriptions subscribe to."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import ClassVar

from billing.shared.events import DomainEvent


@dataclass(frozen=True, kw_only=True)
class InvoiceIssued(DomainEvent):
    """An invoice is open; payments charges the customer's default payment method."""

    event_type: ClassVar[str] = "invoice.issued"
    invoice_id: str
    customer_id: str
    subscription_id: str
    amount_due_minor: int
    currency: str
    due_on: date


@dataclass(frozen=True, kw_only=True)
class InvoicePaid(DomainEvent):
    event_type: ClassVar[str] = "invoice.paid"
    invoice_id: str
    customer_id: str
    payment_attempt_id: str


@dataclass(frozen=True, kw_only=True)
class InvoiceRetryScheduled(DomainEvent):
    """A charge failed and dunning wants another one on `retry_on`."""

    event_type: ClassVar[str] = "invoice.retry_scheduled"
    invoice_id: str
    customer_id: str
    amount_due_minor: int
    currency: str
    retry_on: date


@dataclass(frozen=True, kw_only=True)
class InvoiceWrittenOff(DomainEvent):
    """Dunning gave up; subscriptions suspends the service."""

    event_type: ClassVar[str] = "invoice.written_off"
    invoice_id: str
    customer_id: str
    subscription_id: str
    failed_attempts: int
