"""SQL behind the reports."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from billing.reporting.adapters.database.models import InvoiceRecord, PlanRecord, SubscriptionRecord
from billing.reporting.application.ports.report_reader import ReportReader
from billing.reporting.domain.models.revenue import InvoiceStatus, MonthlyRevenueReport, TierRevenueRow


class SqlReportReader(ReportReader):
    """Runs on a read replica in production; it never opens a write transaction."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def monthly_revenue(self, year: int, month: int, currency: str) -> MonthlyRevenueReport:
        start = datetime(year, month, 1, tzinfo=UTC)
        end = datetime(year + month // 12, month % 12 + 1, 1, tzinfo=UTC)
        query = (
            select(
                PlanRecord.tier.label("tier"),
                func.count(InvoiceRecord.id).label("invoices"),
                func.sum(InvoiceRecord.total_minor).label("amount_minor"),
            )
            .join(SubscriptionRecord, InvoiceRecord.subscription_id == SubscriptionRecord.id)
            .join(PlanRecord, SubscriptionRecord.plan_id == PlanRecord.id)
            .where(
                InvoiceRecord.status == InvoiceStatus.PAID.value,
                InvoiceRecord.currency == currency,
                InvoiceRecord.paid_at >= start,
                InvoiceRecord.paid_at < end,
            )
            .group_by(PlanRecord.tier)
            .order_by(PlanRecord.tier)
        )
        async with self._sessions() as session:
            rows = (await session.execute(query)).all()
        return MonthlyRevenueReport(year, month, currency, tuple(TierRevenueRow.from_row(row) for row in rows))
