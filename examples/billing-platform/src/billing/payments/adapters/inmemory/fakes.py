"""A recording attempt repository and a scriptable payment provider."""

from __future__ import annotations

import copy

from billing.payments.application.ports.payment_provider import PaymentProvider
from billing.payments.application.ports.repositories import PaymentAttemptRepository
from billing.payments.domain.models.payment_attempt import PaymentAttempt
from billing.payments.domain.models.payment_method import ChargeOutcome, PaymentMethodRef
from billing.shared.money import Money


class InMemoryPaymentAttemptRepository(PaymentAttemptRepository):
    def __init__(self) -> None:
        self.attempts: list[PaymentAttempt] = []

    async def count_for_invoice(self, invoice_id: str) -> int:
        return sum(1 for attempt in self.attempts if attempt.invoice_id == invoice_id)

    async def add(self, attempt: PaymentAttempt) -> None:
        self.attempts.append(copy.deepcopy(attempt))


class FakePaymentProvider(PaymentProvider):
    """Approves every charge, except for provider customers listed in `declines` (id -> decline code)."""

    def __init__(
        self, cards: dict[str, PaymentMethodRef] | None = None, declines: dict[str, str] | None = None
    ) -> None:
        self._cards = cards or {}
        self._declines = declines or {}
        self.charges: list[tuple[PaymentMethodRef, Money, str]] = []

    async def default_payment_method(self, customer_id: str) -> PaymentMethodRef | None:
        return self._cards.get(customer_id)

    async def charge(self, method: PaymentMethodRef, amount: Money, idempotency_key: str) -> ChargeOutcome:
        self.charges.append((method, amount, idempotency_key))
        decline_code = self._declines.get(method.provider_customer_id)
        return ChargeOutcome(decline_code is None, f"fake_{idempotency_key}", decline_code)
