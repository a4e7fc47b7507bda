"""Issuing an invoice for something subscriptions says is billable."""

from __future__ import annotations

from datetime import date

from billing.invoicing.application.ports.event_publisher import EventPublisher
from billing.invoicing.application.ports.repositories import InvoiceRepository
from billing.invoicing.domain.models.invoice import Currency, Invoice, InvoiceLine
from billing.shared.ids import CustomerId, InvoiceId, SubscriptionId, new_id
from billing.shared.money import Money


class IssueInvoice:
    """Issue a one-line invoice, due at once (the card on file is charged straight away)."""

    def __init__(self, invoices: InvoiceRepository, publisher: EventPublisher) -> None:
        self._invoices = invoices
        self._publisher = publisher

    async def execute(
        self,
        *,
        customer_id: str,
        subscription_id: str,
        description: str,
        amount_minor: int,
        currency: str,
        issued_on: date,
    ) -> Invoice:
        line = InvoiceLine(new_id("line"), description, 1, Money(amount_minor, Currency(currency)))
        invoice = Invoice.issue(
            invoice_id=InvoiceId(new_id("inv")),
            number=await self._invoices.next_number(issued_on.year),
            customer_id=CustomerId(customer_id),
            subscription_id=SubscriptionId(subscription_id),
            currency=Currency(currency),
            lines=[line],
            issued_on=issued_on,
        )
        await self._invoices.save(invoice)
        await self._publisher.publish(invoice.pull_events())
        return invoice
