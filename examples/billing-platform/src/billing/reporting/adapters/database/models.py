"""Reporting's own mapping of the `plans`, `subscriptions` and `invoices` tables: only the columns it reads."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class PlanRecord(Base):
    __tablename__ = "plans"

    id: Mapped[str] = mapped_column(primary_key=True)
    tier: Mapped[str]


class SubscriptionRecord(Base):
    __tablename__ = "subscriptions"

    id: Mapped[str] = mapped_column(primary_key=True)
    plan_id: Mapped[str] = mapped_column(ForeignKey("plans.id"))


class InvoiceRecord(Base):
    __tablename__ = "invoices"

    id: Mapped[str] = mapped_column(primary_key=True)
    subscription_id: Mapped[str] = mapped_column(ForeignKey("subscriptions.id"))
    currency: Mapped[str]
    status: Mapped[str]
    total_minor: Mapped[int]
    paid_at: Mapped[datetime | None]
