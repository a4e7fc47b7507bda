"""Dunning: what to do when payments reports a failed charge."""

from __future__ import annotations

from datetime import date

from billing.invoicing.application.ports.event_publisher import EventPublisher
from billing.invoicing.application.ports.repositories import InvoiceRepository
from billing.invoicing.domain.exceptions import InvoiceNotFoundError
from billing.invoicing.domain.services.dunning_policy import DunningPolicy


class RecordFailedPayment:
    """Schedule a retry, or write the invoice off once the dunning policy gives up."""

    def __init__(self, invoices: InvoiceRepository, publisher: EventPublisher, policy: DunningPolicy) -> None:
        self._invoices = invoices
        self._publisher = publisher
        self._policy = policy

    async def execute(self, *, invoice_id: str, failed_on: date, retryable: bool) -> None:
        invoice = await self._invoices.get(invoice_id)
        if invoice is None:
            raise InvoiceNotFoundError(f"no invoice {invoice_id}")
        invoice.record_failed_payment(retry_on=self._policy.next_retry(invoice, failed_on, retryable))
        await self._invoices.save(invoice)
        await self._publisher.publish(invoice.pull_events())
