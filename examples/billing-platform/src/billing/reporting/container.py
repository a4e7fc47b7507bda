"""Composition of the reporting context."""

from __future__ import annotations

from billing.reporting.application.ports.report_reader import ReportReader
from billing.reporting.application.use_cases.get_monthly_revenue import GetMonthlyRevenue


class ReportingContainer:
    """The report use cases, wired to the reader they are given."""

    def __init__(self, *, reader: ReportReader) -> None:
        self.get_monthly_revenue = GetMonthlyRevenue(reader)
