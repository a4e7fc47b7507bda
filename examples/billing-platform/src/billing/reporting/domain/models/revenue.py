"""Monthly collected revenue, split by plan tier."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

# NOTE: deliberate violation (domain-framework-free)
from sqlalchemy.engine import Row


class PlanTier(StrEnum):
    """Plan tiers as reporting groups them. Subscriptions keeps its own copy on purpose."""

    STARTER = "starter"
    GROWTH = "growth"
    ENTERPRISE = "enterprise"


class InvoiceStatus(StrEnum):
    """Invoice statuses as reporting reads them. Invoicing keeps its own copy on purpose."""

    OPEN = "open"
    PAID = "paid"
    WRITTEN_OFF = "written_off"


@dataclass(frozen=True)
class TierRevenueRow:
    """Paid invoices of one plan tier in one month."""

    tier: PlanTier
    invoices: int
    amount_minor: int

    @classmethod
    def from_row(cls, row: Row) -> TierRevenueRow:
        return cls(tier=PlanTier(row.tier), invoices=row.invoices, amount_minor=row.amount_minor)


@dataclass(frozen=True)
class MonthlyRevenueReport:
    """Revenue collected in one calendar month and currency, with a row per plan tier."""

    year: int
    month: int
    currency: str
    rows: tuple[TierRevenueRow, ...]

    @property
    def total_minor(self) -> int:
        return sum(row.amount_minor for row in self.rows)
