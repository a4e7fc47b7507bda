"""The port of reporting: queries over the tables the other contexts write."""

from __future__ import annotations

from abc import ABC, abstractmethod

from billing.reporting.domain.models.revenue import MonthlyRevenueReport


class ReportReader(ABC):
    @abstractmethod
    async def monthly_revenue(self, year: int, month: int, currency: str) -> MonthlyRevenueReport: ...
