"""SQLAlchemy repository of invoicing."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from billing.invoicing.adapters.database.models import InvoiceLineRow, InvoiceNumberRow, InvoiceRow
from billing.invoicing.application.ports.repositories import InvoiceRepository
from billing.invoicing.domain.models.invoice import Currency, Invoice, InvoiceLine, InvoiceStatus
from billing.shared.ids import CustomerId, InvoiceId, SubscriptionId
from billing.shared.money import Money


class SqlInvoiceRepository(InvoiceRepository):
    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    @staticmethod
    def _to_domain(row: InvoiceRow) -> Invoice:
        currency = Currency(row.currency)
        return Invoice(
            id=InvoiceId(row.id),
            number=row.number,
            customer_id=CustomerId(row.customer_id),
            subscription_id=SubscriptionId(row.subscription_id),
            currency=currency,
            status=InvoiceStatus(row.status),
            issued_on=row.issued_on,
            due_on=row.due_on,
            lines=[
                InvoiceLine(line.id, line.description, line.quantity, Money(line.unit_price_minor, currency))
                for line in row.lines
            ],
            failed_attempts=row.failed_attempts,
            next_retry_on=row.next_retry_on,
            paid_at=row.paid_at,
        )

    @staticmethod
    def _to_row(invoice: Invoice) -> InvoiceRow:
        return InvoiceRow(
            id=invoice.id,
            number=invoice.number,
            customer_id=invoice.customer_id,
            subscription_id=invoice.subscription_id,
            currency=invoice.currency.value,
            status=invoice.status.value,
            total_minor=invoice.total.amount_minor,
            issued_on=invoice.issued_on,
            due_on=invoice.due_on,
            failed_attempts=invoice.failed_attempts,
            next_retry_on=invoice.next_retry_on,
            paid_at=invoice.paid_at,
            lines=[
                InvoiceLineRow(
                    id=line.id,
                    invoice_id=invoice.id,
                    description=line.description,
                    quantity=line.quantity,
                    unit_price_minor=line.unit_price.amount_minor,
                )
                for line in invoice.lines
            ],
        )

    async def get(self, invoice_id: str) -> Invoice | None:
        async with self._sessions() as session:
            row = await session.get(InvoiceRow, invoice_id)
            return self._to_domain(row) if row else None

    async def next_number(self, year: int) -> str:
        async with self._sessions() as session, session.begin():
            query = select(InvoiceNumberRow).where(InvoiceNumberRow.year == year).with_for_update()
            counter = (await session.execute(query)).scalar_one_or_none()
            if counter is None:
                counter = InvoiceNumberRow(year=year, last_number=0)
                session.add(counter)
            counter.last_number += 1
            return f"{year}-{counter.last_number:06d}"

    async def save(self, invoice: Invoice) -> None:
        async with self._sessions() as session, session.begin():
            await session.merge(self._to_row(invoice))
