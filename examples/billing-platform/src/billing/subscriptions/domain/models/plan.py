"""Plans: what a customer can subscribe to, priced per seat and billing interval."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from billing.shared.ids import PlanId
from billing.shared.money import Money


class Currency(StrEnum):
    """Currencies plans are priced in. Invoicing keeps its own copy on purpose."""

    EUR = "EUR"
    USD = "USD"
    GBP = "GBP"


class PlanTier(StrEnum):
    """Commercial tier of a plan. Reporting keeps its own copy on purpose."""

    STARTER = "starter"
    GROWTH = "growth"
    ENTERPRISE = "enterprise"


class BillingInterval(StrEnum):
    MONTHLY = "monthly"
    YEARLY = "yearly"


@dataclass
class Plan:
    """A priced plan (aggregate root). Retired plans keep their subscribers but take no new ones."""

    id: PlanId
    code: str
    tier: PlanTier
    interval: BillingInterval
    price_per_seat: Money
    retired: bool = False

    def price_for(self, seats: int) -> Money:
        """What one full period costs with `seats` seats."""
        return self.price_per_seat.times(seats)
