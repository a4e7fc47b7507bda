"""Deciding whether, and when, to retry a failed charge."""

from __future__ import annotations

from datetime import date, timedelta

from billing.invoicing.domain.models.dunning import DunningSchedule
from billing.invoicing.domain.models.invoice import Invoice


class DunningPolicy:
    """Domain service: a hard decline (stolen card, closed account) is never retried; a soft one follows
    the schedule, counting the failure being recorded."""

    def __init__(self, schedule: DunningSchedule) -> None:
        self._schedule = schedule

    def next_retry(self, invoice: Invoice, failed_on: date, retryable: bool) -> date | None:
        if not retryable:
            return None
        wait = self._schedule.wait_after(invoice.failed_attempts + 1)
        return failed_on + timedelta(days=wait) if wait is not None else None
