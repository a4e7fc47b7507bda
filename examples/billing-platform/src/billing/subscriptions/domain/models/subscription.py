"""The Subscription aggregate: one customer on one plan, renewed period after period."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from billing.shared.events import DomainEvent
from billing.shared.ids import CustomerId, SubscriptionId
from billing.subscriptions.domain.events import SubscriptionRenewed, SubscriptionStarted, SubscriptionSuspended
from billing.subscriptions.domain.exceptions import PlanRetiredError, SubscriptionNotActiveError
from billing.subscriptions.domain.models.billing_period import BillingPeriod
from billing.subscriptions.domain.models.plan import Plan


class SubscriptionStatus(StrEnum):
    ACTIVE = "active"
    SUSPENDED = "suspended"


@dataclass
class Subscription:
    """A customer's subscription (aggregate root). It records an event for every billable period."""

    id: SubscriptionId
    customer_id: CustomerId
    # NOTE: deliberate violation (aggregate-references-by-id)
    plan: Plan
    seats: int
    status: SubscriptionStatus
    current_period: BillingPeriod
    events: list[DomainEvent] = field(default_factory=list, repr=False, compare=False)

    @classmethod
    def start(
        cls, subscription_id: SubscriptionId, customer_id: CustomerId, plan: Plan, seats: int, today: date
    ) -> Subscription:
        if plan.retired:
            raise PlanRetiredError(f"plan {plan.code} takes no new subscribers")
        if seats < 1:
            raise ValueError("a subscription needs at least one seat")
        period = BillingPeriod.starting(today, plan.interval)
        subscription = cls(subscription_id, customer_id, plan, seats, SubscriptionStatus.ACTIVE, period)
        price = plan.price_for(seats)
        subscription.events.append(
            SubscriptionStarted(
                subscription_id=subscription_id,
                customer_id=customer_id,
                plan_id=plan.id,
                period_start=period.start,
                period_end=period.end,
                amount_minor=price.amount_minor,
                currency=price.currency,
            )
        )
        return subscription

    def renew(self) -> None:
        """Move on to the next period, which is billable at once."""
        if self.status is not SubscriptionStatus.ACTIVE:
            raise SubscriptionNotActiveError(f"subscription {self.id} is {self.status}")
        self.current_period = self.current_period.following(self.plan.interval)
        price = self.plan.price_for(self.seats)
        self.events.append(
            SubscriptionRenewed(
                subscription_id=self.id,
                customer_id=self.customer_id,
                plan_id=self.plan.id,
                period_start=self.current_period.start,
                period_end=self.current_period.end,
                amount_minor=price.amount_minor,
                currency=price.currency,
            )
        )

    def suspend(self, unpaid_invoice_id: str) -> None:
        """Stop service after an invoice was written off; idempotent, as redelivered events need."""
        if self.status is SubscriptionStatus.SUSPENDED:
            return
        self.status = SubscriptionStatus.SUSPENDED
        self.events.append(
            SubscriptionSuspended(subscription_id=self.id, customer_id=self.customer_id, invoice_id=unpaid_invoice_id)
        )

    def pull_events(self) -> list[DomainEvent]:
        pending = list(self.events)
        self.events.clear()
        return pending
