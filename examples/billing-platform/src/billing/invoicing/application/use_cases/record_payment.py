"""Marking an invoice paid when payments reports a successful charge."""

from __future__ import annotations

from datetime import datetime

from billing.invoicing.application.ports.event_publisher import EventPublisher
from billing.invoicing.application.ports.repositories import InvoiceRepository
from billing.invoicing.domain.exceptions import InvoiceNotFoundError
from billing.invoicing.domain.models.invoice import Currency
from billing.shared.money import Money


class RecordPayment:
    def __init__(self, invoices: InvoiceRepository, publisher: EventPublisher) -> None:
        self._invoices = invoices
        self._publisher = publisher

    async def execute(
        self, *, invoice_id: str, attempt_id: str, amount_minor: int, currency: str, paid_at: datetime
    ) -> None:
        invoice = await self._invoices.get(invoice_id)
        if invoice is None:
            raise InvoiceNotFoundError(f"no invoice {invoice_id}")
        invoice.record_payment(attempt_id=attempt_id, amount=Money(amount_minor, Currency(currency)), paid_at=paid_at)
        await self._invoices.save(invoice)
        await self._publisher.publish(invoice.pull_events())
