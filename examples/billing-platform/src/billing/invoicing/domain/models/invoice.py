"""The Invoice aggregate and its lines."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum

from billing.invoicing.domain.events import InvoiceIssued, InvoicePaid, InvoiceRetryScheduled, InvoiceWrittenOff
from billing.invoicing.domain.exceptions import EmptyInvoiceError, InvoiceNotPayableError, PaymentMismatchError
from billing.shared.events import DomainEvent
from billing.shared.ids import CustomerId, InvoiceId, SubscriptionId
from billing.shared.money import Money


class Currency(StrEnum):
    """Currencies we invoice in. Subscriptions keeps its own copy on purpose."""

    EUR = "EUR"
    USD = "USD"
    GBP = "GBP"


class InvoiceStatus(StrEnum):
    OPEN = "open"
    PAID = "paid"
    WRITTEN_OFF = "written_off"


@dataclass
class InvoiceLine:
    """One billed item (an entity inside the Invoice aggregate)."""

    id: str
    description: str
    quantity: int
    unit_price: Money

    @property
    def amount(self) -> Money:
        return self.unit_price.times(self.quantity)


@dataclass
class Invoice:
    """An invoice (aggregate root): issued once, then paid or, after dunning, written off."""

    id: InvoiceId
    number: str
    customer_id: CustomerId
    subscription_id: SubscriptionId
    currency: Currency
    status: InvoiceStatus
    issued_on: date
    due_on: date
    lines: list[InvoiceLine] = field(default_factory=list)
    failed_attempts: int = 0
    next_retry_on: date | None = None
    paid_at: datetime | None = None
    events: list[DomainEvent] = field(default_factory=list, repr=False, compare=False)

    @classmethod
    def issue(
        cls,
        *,
        invoice_id: InvoiceId,
        number: str,
        customer_id: CustomerId,
        subscription_id: SubscriptionId,
        currency: Currency,
        lines: list[InvoiceLine],
        issued_on: date,
        payment_terms_days: int = 0,
    ) -> Invoice:
        if not lines:
            raise EmptyInvoiceError(f"invoice {number} has no lines")
        due_on = issued_on + timedelta(days=payment_terms_days)
        invoice = cls(
            invoice_id, number, customer_id, subscription_id, currency, InvoiceStatus.OPEN, issued_on, due_on, lines
        )
        invoice.events.append(
            InvoiceIssued(
                invoice_id=invoice_id,
                customer_id=customer_id,
                subscription_id=subscription_id,
                amount_due_minor=invoice.total.amount_minor,
                currency=currency.value,
                due_on=due_on,
            )
        )
        return invoice

    @property
    def total(self) -> Money:
        total = Money.zero(self.currency)
        for line in self.lines:
            total = total + line.amount
        return total

    def record_payment(self, *, attempt_id: str, amount: Money, paid_at: datetime) -> None:
        if self.status is InvoiceStatus.PAID:
            return  # the same payment event delivered twice
        if self.status is not InvoiceStatus.OPEN:
            raise InvoiceNotPayableError(f"invoice {self.id} is {self.status}")
        if amount != self.total:
            raise PaymentMismatchError(f"invoice {self.id} is for {self.total}, payment was {amount}")
        self.status = InvoiceStatus.PAID
        self.paid_at = paid_at
        self.next_retry_on = None
        self.events.append(InvoicePaid(invoice_id=self.id, customer_id=self.customer_id, payment_attempt_id=attempt_id))

    def record_failed_payment(self, *, retry_on: date | None) -> None:
        """Count a failed charge; `retry_on` comes from the dunning policy, None meaning give up."""
        if self.status is not InvoiceStatus.OPEN:
            return
        self.failed_attempts += 1
        if retry_on is None:
            self.status = InvoiceStatus.WRITTEN_OFF
            self.next_retry_on = None
            self.events.append(
                InvoiceWrittenOff(
                    invoice_id=self.id,
                    customer_id=self.customer_id,
                    subscription_id=self.subscription_id,
                    failed_attempts=self.failed_attempts,
                )
            )
            return
        self.next_retry_on = retry_on
        self.events.append(
            InvoiceRetryScheduled(
                invoice_id=self.id,
                customer_id=self.customer_id,
                amount_due_minor=self.total.amount_minor,
                currency=self.currency.value,
                retry_on=retry_on,
            )
        )

    def pull_events(self) -> list[DomainEvent]:
        pending = list(self.events)
        self.events.clear()
        return pending
