"""Repository ports of subscriptions: they take and return domain objects, never rows."""

from __future__ import annotations

from abc import ABC, abstractmethod
from datetime import date

from billing.subscriptions.domain.models.plan import Plan
from billing.subscriptions.domain.models.subscription import Subscription


class PlanRepository(ABC):
    """The plan catalogue."""

    @abstractmethod
    async def get(self, plan_id: str) -> Plan | None: ...


class SubscriptionRepository(ABC):
    """Subscriptions, each loaded with its plan."""

    @abstractmethod
    async def get(self, subscription_id: str) -> Subscription | None: ...

    @abstractmethod
    async def due_for_renewal(self, today: date, limit: int) -> list[Subscription]: ...

    @abstractmethod
    async def save(self, subscription: Subscription) -> None: ...
