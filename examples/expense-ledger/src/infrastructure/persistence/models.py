"""SQLAlchemy table mappings. Database rows, not domain entities."""

from datetime import date
from decimal import Decimal
from uuid import UUID

from sqlalchemy import Numeric, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class ExpenseModel(Base):
    __tablename__ = "expenses"

    id: Mapped[UUID] = mapped_column(primary_key=True)
    employee_id: Mapped[UUID] = mapped_column(index=True)
    claimant_email: Mapped[str] = mapped_column(String(320))
    category: Mapped[str] = mapped_column(String(32))
    description: Mapped[str]
    incurred_on: Mapped[date]
    amount: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    currency: Mapped[str] = mapped_column(String(3))
    account_holder: Mapped[str]
    iban: Mapped[str] = mapped_column(String(34))
    status: Mapped[str] = mapped_column(String(16), index=True)
    reimbursable_amount: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))
    reimbursable_currency: Mapped[str | None] = mapped_column(String(3))
    reviewer_id: Mapped[UUID | None]
    rejection_reason: Mapped[str | None]


class ReimbursementModel(Base):
    __tablename__ = "reimbursements"

    id: Mapped[UUID] = mapped_column(primary_key=True)
    expense_id: Mapped[UUID] = mapped_column(unique=True)
    employee_id: Mapped[UUID]
    amount: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    currency: Mapped[str] = mapped_column(String(3))
    account_holder: Mapped[str]
    iban: Mapped[str] = mapped_column(String(34))
    status: Mapped[str] = mapped_column(String(16))
    payout_reference: Mapped[str | None]
    failure_reason: Mapped[str | None]
    attempts: Mapped[int] = mapped_column(default=0)
