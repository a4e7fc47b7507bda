"""Subscribing a customer to a plan."""

from __future__ import annotations

from datetime import date

from billing.shared.ids import CustomerId, SubscriptionId, new_id
from billing.subscriptions.application.ports.event_publisher import EventPublisher
from billing.subscriptions.application.ports.repositories import PlanRepository, SubscriptionRepository
from billing.subscriptions.domain.exceptions import PlanNotFoundError
from billing.subscriptions.domain.models.subscription import Subscription


class StartSubscription:
    """Start a subscription today; its first period is invoiced when invoicing hears about it."""

    def __init__(self, subscriptions: SubscriptionRepository, plans: PlanRepository, publisher: EventPublisher) -> None:
        self._subscriptions = subscriptions
        self._plans = plans
        self._publisher = publisher

    async def execute(self, *, customer_id: str, plan_id: str, seats: int, today: date) -> Subscription:
        plan = await self._plans.get(plan_id)
        if plan is None:
            raise PlanNotFoundError(f"no plan {plan_id}")
        subscription = Subscription.start(SubscriptionId(new_id("sub")), CustomerId(customer_id), plan, seats, today)
        await self._subscriptions.save(subscription)
        await self._publisher.publish(subscription.pull_events())
        return subscription
