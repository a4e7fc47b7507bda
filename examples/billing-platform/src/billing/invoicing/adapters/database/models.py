"""ORM rows of the `invoices`, `invoice_lines` and `invoice_numbers` tables."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class InvoiceRow(Base):
    __tablename__ = "invoices"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    number: Mapped[str] = mapped_column(String(20), unique=True)
    customer_id: Mapped[str] = mapped_column(String(40), index=True)
    subscription_id: Mapped[str] = mapped_column(String(40), index=True)
    currency: Mapped[str] = mapped_column(String(3))
    status: Mapped[str] = mapped_column(String(20), index=True)
    total_minor: Mapped[int]  # denormalised for reporting
    issued_on: Mapped[date]
    due_on: Mapped[date]
    failed_attempts: Mapped[int] = mapped_column(default=0)
    next_retry_on: Mapped[date | None]
    paid_at: Mapped[datetime | None]
    lines: Mapped[list[InvoiceLineRow]] = relationship(cascade="all, delete-orphan", lazy="selectin")


class InvoiceLineRow(Base):
    __tablename__ = "invoice_lines"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    invoice_id: Mapped[str] = mapped_column(ForeignKey("invoices.id"))
    description: Mapped[str] = mapped_column(String(200))
    quantity: Mapped[int]
    unit_price_minor: Mapped[int]


class InvoiceNumberRow(Base):
    __tablename__ = "invoice_numbers"

    year: Mapped[int] = mapped_column(primary_key=True)
    last_number: Mapped[int]
