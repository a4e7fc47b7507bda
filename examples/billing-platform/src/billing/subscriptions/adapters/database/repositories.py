"""SQLAlchemy repositories of subscriptions; rows are mapped to domain objects at this boundary."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from billing.shared.ids import CustomerId, PlanId, SubscriptionId
from billing.shared.money import Money
from billing.subscriptions.adapters.database.models import PlanRow, SubscriptionRow
from billing.subscriptions.application.ports.repositories import PlanRepository, SubscriptionRepository
from billing.subscriptions.domain.models.billing_period import BillingPeriod
from billing.subscriptions.domain.models.plan import BillingInterval, Currency, Plan, PlanTier
from billing.subscriptions.domain.models.subscription import Subscription, SubscriptionStatus


def _plan(row: PlanRow) -> Plan:
    return Plan(
        id=PlanId(row.id),
        code=row.code,
        tier=PlanTier(row.tier),
        interval=BillingInterval(row.interval),
        price_per_seat=Money(row.price_per_seat_minor, Currency(row.currency)),
        retired=row.retired,
    )


def _subscription(row: SubscriptionRow, plan: PlanRow) -> Subscription:
    return Subscription(
        id=SubscriptionId(row.id),
        customer_id=CustomerId(row.customer_id),
        plan=_plan(plan),
        seats=row.seats,
        status=SubscriptionStatus(row.status),
        current_period=BillingPeriod(row.period_start, row.period_end),
    )


class SqlPlanRepository(PlanRepository):
    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def get(self, plan_id: str) -> Plan | None:
        async with self._sessions() as session:
            row = await session.get(PlanRow, plan_id)
        return _plan(row) if row else None


class SqlSubscriptionRepository(SubscriptionRepository):
    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def get(self, subscription_id: str) -> Subscription | None:
        query = select(SubscriptionRow, PlanRow).join(PlanRow).where(SubscriptionRow.id == subscription_id)
        async with self._sessions() as session:
            found = (await session.execute(query)).one_or_none()
        return _subscription(*found) if found else None

    async def due_for_renewal(self, today: date, limit: int) -> list[Subscription]:
        query = (
            select(SubscriptionRow, PlanRow)
            .join(PlanRow)
            .where(SubscriptionRow.status == SubscriptionStatus.ACTIVE.value, SubscriptionRow.period_end <= today)
            .order_by(SubscriptionRow.period_end)
            .limit(limit)
        )
        async with self._sessions() as session:
            rows = (await session.execute(query)).all()
        return [_subscription(subscription, plan) for subscription, plan in rows]

    async def save(self, subscription: Subscription) -> None:
        row = SubscriptionRow(
            id=subscription.id,
            customer_id=subscription.customer_id,
            plan_id=subscription.plan.id,
            seats=subscription.seats,
            status=subscription.status.value,
            period_start=subscription.current_period.start,
            period_end=subscription.current_period.end,
        )
        async with self._sessions() as session, session.begin():
            await session.merge(row)
