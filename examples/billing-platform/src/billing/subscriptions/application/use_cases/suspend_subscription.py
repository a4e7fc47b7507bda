"""Suspending service when invoicing gives up on an invoice."""

from __future__ import annotations

from billing.subscriptions.application.ports.event_publisher import EventPublisher
from billing.subscriptions.application.ports.repositories import SubscriptionRepository
from billing.subscriptions.domain.exceptions import SubscriptionNotFoundError


class SuspendSubscription:
    """Suspend the subscription an uncollectible invoice was for."""

    def __init__(self, subscriptions: SubscriptionRepository, publisher: EventPublisher) -> None:
        self._subscriptions = subscriptions
        self._publisher = publisher

    async def execute(self, *, subscription_id: str, invoice_id: str) -> None:
        subscription = await self._subscriptions.get(subscription_id)
        if subscription is None:
            raise SubscriptionNotFoundError(f"no subscription {subscription_id}")
        subscription.suspend(invoice_id)
        await self._subscriptions.save(subscription)
        await self._publisher.publish(subscription.pull_events())
