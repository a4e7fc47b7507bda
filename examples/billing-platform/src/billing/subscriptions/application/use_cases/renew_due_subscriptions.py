"""The nightly renewal run."""

from __future__ import annotations

import logging
from datetime import date

from billing.subscriptions.application.ports.event_publisher import EventPublisher
from billing.subscriptions.application.ports.repositories import SubscriptionRepository

log = logging.getLogger(__name__)


class RenewDueSubscriptions:
    """Renew every active subscription whose period has ended, in batches; returns how many were renewed."""

    def __init__(self, subscriptions: SubscriptionRepository, publisher: EventPublisher, batch_size: int = 200) -> None:
        self._subscriptions = subscriptions
        self._publisher = publisher
        self._batch_size = batch_size

    async def execute(self, *, today: date) -> int:
        renewed = 0
        while batch := await self._subscriptions.due_for_renewal(today, self._batch_size):
            for subscription in batch:
                subscription.renew()
                await self._subscriptions.save(subscription)
                await self._publisher.publish(subscription.pull_events())
                renewed += 1
        log.info("renewed %d subscriptions due on %s", renewed, today)
        return renewed
