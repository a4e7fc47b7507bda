"""Billing periods: the span of days one payment covers."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from billing.subscriptions.domain.models.plan import BillingInterval


@dataclass(frozen=True)
class BillingPeriod:
    """A half-open range of days [start, end). A monthly period starting on the 31st ends on the last day."""

    start: date
    end: date

    @classmethod
    def starting(cls, start: date, interval: BillingInterval) -> BillingPeriod:
        months = 1 if interval is BillingInterval.MONTHLY else 12
        index = start.month - 1 + months
        year, month = start.year + index // 12, index % 12 + 1
        return cls(start, date(year, month, min(start.day, calendar.monthrange(year, month)[1])))

    def following(self, interval: BillingInterval) -> BillingPeriod:
        return BillingPeriod.starting(self.end, interval)
