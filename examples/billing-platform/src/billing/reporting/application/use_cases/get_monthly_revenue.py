"""The monthly revenue report."""

from __future__ import annotations

from datetime import date

from billing.reporting.application.ports.report_reader import ReportReader
from billing.reporting.domain.exceptions import InvalidReportPeriodError
from billing.reporting.domain.models.revenue import MonthlyRevenueReport


class GetMonthlyRevenue:
    """Revenue of a month that has started; the current month is a running total."""

    def __init__(self, reader: ReportReader) -> None:
        self._reader = reader

    async def execute(self, *, year: int, month: int, currency: str, today: date) -> MonthlyRevenueReport:
        if not 1 <= month <= 12 or date(year, month, 1) > today:
            raise InvalidReportPeriodError(f"no report for {year}-{month:02d}")
        return await self._reader.monthly_revenue(year, month, currency.upper())
