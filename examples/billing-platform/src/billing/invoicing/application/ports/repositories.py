"""Repository port of invoicing."""

from __future__ import annotations

from abc import ABC, abstractmethod

from billing.invoicing.domain.models.invoice import Invoice


class InvoiceRepository(ABC):
    """Invoices with their lines, and the gap-free invoice number sequence tax law asks for."""

    @abstractmethod
    async def get(self, invoice_id: str) -> Invoice | None: ...

    @abstractmethod
    async def next_number(self, year: int) -> str: ...

    @abstractmethod
    async def save(self, invoice: Invoice) -> None: ...
