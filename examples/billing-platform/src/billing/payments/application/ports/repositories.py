"""Repository port of payments."""

from __future__ import annotations

from abc import ABC, abstractmethod

from billing.payments.domain.models.payment_attempt import PaymentAttempt


class PaymentAttemptRepository(ABC):
    @abstractmethod
    async def count_for_invoice(self, invoice_id: str) -> int: ...

    @abstractmethod
    async def add(self, attempt: PaymentAttempt) -> None: ...
