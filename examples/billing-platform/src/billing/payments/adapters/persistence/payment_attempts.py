"""The `payment_attempts` table and the repository writing to it."""

from __future__ import annotations

from sqlalchemy import Column, DateTime, Integer, MetaData, String, Table, UniqueConstraint, func, insert, select
from sqlalchemy.ext.asyncio import AsyncEngine

from billing.payments.application.ports.repositories import PaymentAttemptRepository
from billing.payments.domain.models.payment_attempt import PaymentAttempt

metadata = MetaData()

payment_attempts = Table(
    "payment_attempts",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("invoice_id", String(40), index=True),
    Column("customer_id", String(40)),
    Column("attempt_number", Integer),
    Column("amount_minor", Integer),
    Column("currency", String(3)),
    Column("status", String(20)),
    Column("provider_reference", String(80), nullable=True),
    Column("decline_code", String(60), nullable=True),
    Column("settled_at", DateTime(timezone=True), nullable=True),
    UniqueConstraint("invoice_id", "attempt_number"),
)


class SqlPaymentAttemptRepository(PaymentAttemptRepository):
    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine

    async def count_for_invoice(self, invoice_id: str) -> int:
        query = select(func.count()).select_from(payment_attempts).where(payment_attempts.c.invoice_id == invoice_id)
        async with self._engine.connect() as connection:
            return (await connection.execute(query)).scalar_one()

    async def add(self, attempt: PaymentAttempt) -> None:
        row = {
            "id": attempt.id,
            "invoice_id": attempt.invoice_id,
            "customer_id": attempt.customer_id,
            "attempt_number": attempt.attempt_number,
            "amount_minor": attempt.amount.amount_minor,
            "currency": attempt.amount.currency,
            "status": attempt.status.value,
            "provider_reference": attempt.provider_reference,
            "decline_code": attempt.decline_code,
            "settled_at": attempt.settled_at,
        }
        async with self._engine.begin() as connection:
            await connection.execute(insert(payment_attempts).values(row))
