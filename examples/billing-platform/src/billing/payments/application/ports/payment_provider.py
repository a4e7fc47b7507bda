"""Port to the card payment provider."""

from __future__ import annotations

from abc import ABC, abstractmethod

from billing.payments.domain.models.payment_method import ChargeOutcome, PaymentMethodRef
from billing.shared.money import Money


class PaymentProvider(ABC):
    """Finds a customer's default card and charges it, off-session and idempotently."""

    @abstractmethod
    async def default_payment_method(self, customer_id: str) -> PaymentMethodRef | None: ...

    @abstractmethod
    async def charge(self, method: PaymentMethodRef, amount: Money, idempotency_key: str) -> ChargeOutcome: ...
