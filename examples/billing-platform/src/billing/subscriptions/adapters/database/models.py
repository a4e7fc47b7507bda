"""ORM rows of the `plans` and `subscriptions` tables. The domain never sees these classes."""

from __future__ import annotations

from datetime import date

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class PlanRow(Base):
    __tablename__ = "plans"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    code: Mapped[str] = mapped_column(String(60), unique=True)
    tier: Mapped[str] = mapped_column(String(20))
    interval: Mapped[str] = mapped_column(String(10))
    currency: Mapped[str] = mapped_column(String(3))
    price_per_seat_minor: Mapped[int]
    retired: Mapped[bool] = mapped_column(default=False)


class SubscriptionRow(Base):
    __tablename__ = "subscriptions"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    customer_id: Mapped[str] = mapped_column(String(40), index=True)
    plan_id: Mapped[str] = mapped_column(ForeignKey("plans.id"))
    seats: Mapped[int]
    status: Mapped[str] = mapped_column(String(20), index=True)
    period_start: Mapped[date]
    period_end: Mapped[date] = mapped_column(index=True)
