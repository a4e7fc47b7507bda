"""Composition of the subscriptions context: ports in, use cases out, wired by hand."""

from __future__ import annotations

from billing.subscriptions.application.ports.event_publisher import EventPublisher
from billing.subscriptions.application.ports.repositories import PlanRepository, SubscriptionRepository
from billing.subscriptions.application.use_cases.renew_due_subscriptions import RenewDueSubscriptions
from billing.subscriptions.application.use_cases.start_subscription import StartSubscription
from billing.subscriptions.application.use_cases.suspend_subscription import SuspendSubscription


class SubscriptionsContainer:
    """Every use case of the context, built from the adapters `billing.bootstrap` chose."""

    def __init__(
        self, *, subscriptions: SubscriptionRepository, plans: PlanRepository, publisher: EventPublisher
    ) -> None:
        self.start_subscription = StartSubscription(subscriptions, plans, publisher)
        self.renew_due_subscriptions = RenewDueSubscriptions(subscriptions, publisher)
        self.suspend_subscription = SuspendSubscription(subscriptions, publisher)
