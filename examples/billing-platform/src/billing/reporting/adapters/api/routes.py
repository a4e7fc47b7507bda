"""Report routes for the finance dashboard. Reports are frozen dataclasses, which FastAPI serialises as they are."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Request, status

from billing.reporting.container import ReportingContainer
from billing.reporting.domain.exceptions import InvalidReportPeriodError
from billing.reporting.domain.models.revenue import MonthlyRevenueReport

router = APIRouter(prefix="/reports", tags=["reporting"])


def container(request: Request) -> ReportingContainer:
    return request.app.state.platform.reporting


@router.get("/revenue/{year}/{month}", response_model=MonthlyRevenueReport)
async def monthly_revenue(
    year: int, month: int, wiring: Annotated[ReportingContainer, Depends(container)], currency: str = "EUR"
) -> MonthlyRevenueReport:
    try:
        return await wiring.get_monthly_revenue.execute(year=year, month=month, currency=currency, today=date.today())
    except InvalidReportPeriodError as error:
        raise HTTPException(status.HTTP_404_NOT_FOUND, str(error)) from error
