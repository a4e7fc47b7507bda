"""The PaymentAttempt aggregate: one try at collecting one invoice."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

# NOTE: deliberate violation (context-independence)
from billing.invoicing.domain.models.invoice import Currency
from billing.payments.domain.events import PaymentFailed, PaymentSucceeded
from billing.payments.domain.exceptions import AttemptAlreadySettledError
from billing.shared.events import DomainEvent, utcnow
from billing.shared.ids import CustomerId, InvoiceId, PaymentAttemptId
from billing.shared.money import Money


class AttemptStatus(StrEnum):
    PENDING = "pending"
    SUCCEEDED = "succeeded"
    FAILED = "failed"


@dataclass
class PaymentAttempt:
    """A charge of one invoice (aggregate root); settled exactly once, as succeeded or failed."""

    id: PaymentAttemptId
    invoice_id: InvoiceId
    customer_id: CustomerId
    amount: Money
    attempt_number: int
    status: AttemptStatus = AttemptStatus.PENDING
    provider_reference: str | None = None
    decline_code: str | None = None
    settled_at: datetime | None = None
    events: list[DomainEvent] = field(default_factory=list, repr=False, compare=False)

    @classmethod
    def begin(
        cls,
        *,
        attempt_id: PaymentAttemptId,
        invoice_id: InvoiceId,
        customer_id: CustomerId,
        amount_minor: int,
        currency: str,
        attempt_number: int,
    ) -> PaymentAttempt:
        amount = Money(amount_minor, Currency(currency))  # rejects currencies we cannot collect
        if not amount.is_positive:
            raise ValueError(f"nothing to charge for invoice {invoice_id}")
        return cls(attempt_id, invoice_id, customer_id, amount, attempt_number)

    @property
    def idempotency_key(self) -> str:
        """Same invoice and attempt number, same key: a redelivered message never charges twice."""
        return f"{self.invoice_id}-{self.attempt_number}"

    def succeed(self, provider_reference: str) -> None:
        self._settle(AttemptStatus.SUCCEEDED)
        self.provider_reference = provider_reference
        self.events.append(
            PaymentSucceeded(
                attempt_id=self.id,
                invoice_id=self.invoice_id,
                amount_minor=self.amount.amount_minor,
                currency=self.amount.currency,
                provider_reference=provider_reference,
                settled_at=self.settled_at or utcnow(),
            )
        )

    def fail(self, decline_code: str, retryable: bool) -> None:
        self._settle(AttemptStatus.FAILED)
        self.decline_code = decline_code
        self.events.append(
            PaymentFailed(
                attempt_id=self.id,
                invoice_id=self.invoice_id,
                decline_code=decline_code,
                retryable=retryable,
                settled_at=self.settled_at or utcnow(),
            )
        )

    def pull_events(self) -> list[DomainEvent]:
        pending = list(self.events)
        self.events.clear()
        return pending

    def _settle(self, status: AttemptStatus) -> None:
        if self.status is not AttemptStatus.PENDING:
            raise AttemptAlreadySettledError(f"payment attempt {self.id} is already {self.status}")
        self.status = status
        self.settled_at = utcnow()
