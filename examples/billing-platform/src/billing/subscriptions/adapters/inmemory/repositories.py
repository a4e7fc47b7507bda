"""Dictionary-backed repositories for unit tests and local runs."""

from __future__ import annotations

import copy
from datetime import date

from billing.subscriptions.application.ports.repositories import PlanRepository, SubscriptionRepository
from billing.subscriptions.domain.models.plan import Plan
from billing.subscriptions.domain.models.subscription import Subscription, SubscriptionStatus


class InMemoryPlanRepository(PlanRepository):
    def __init__(self, plans: list[Plan] | None = None) -> None:
        self._plans = {plan.id: plan for plan in plans or []}

    async def get(self, plan_id: str) -> Plan | None:
        return self._plans.get(plan_id)


class InMemorySubscriptionRepository(SubscriptionRepository):
    def __init__(self) -> None:
        self._subscriptions: dict[str, Subscription] = {}

    async def get(self, subscription_id: str) -> Subscription | None:
        return copy.deepcopy(self._subscriptions.get(subscription_id))

    async def due_for_renewal(self, today: date, limit: int) -> list[Subscription]:
        due = [
            s
            for s in self._subscriptions.values()
            if s.status is SubscriptionStatus.ACTIVE and s.current_period.end <= today
        ]
        return [copy.deepcopy(s) for s in sorted(due, key=lambda s: s.current_period.end)[:limit]]

    async def save(self, subscription: Subscription) -> None:
        self._subscriptions[subscription.id] = copy.deepcopy(subscription)
