"""Dictionary-backed invoice repository."""

from __future__ import annotations

import copy

from billing.invoicing.application.ports.repositories import InvoiceRepository
from billing.invoicing.domain.models.invoice import Invoice


class InMemoryInvoiceRepository(InvoiceRepository):
    def __init__(self) -> None:
        self._invoices: dict[str, Invoice] = {}
        self._last_numbers: dict[int, int] = {}

    async def get(self, invoice_id: str) -> Invoice | None:
        found = self._invoices.get(invoice_id)
        return copy.deepcopy(found) if found else None

    async def next_number(self, year: int) -> str:
        self._last_numbers[year] = self._last_numbers.get(year, 0) + 1
        return f"{year}-{self._last_numbers[year]:06d}"

    async def save(self, invoice: Invoice) -> None:
        self._invoices[invoice.id] = copy.deepcopy(invoice)
