"""Subscription routes: thin, they parse the request, call one use case and map domain errors to statuses."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Request, status
from pydantic import BaseModel, Field

from billing.subscriptions.container import SubscriptionsContainer
from billing.subscriptions.domain.exceptions import PlanNotFoundError, PlanRetiredError

router = APIRouter(prefix="/subscriptions", tags=["subscriptions"])


class StartSubscriptionRequest(BaseModel):
    customer_id: str
    plan_id: str
    seats: int = Field(default=1, ge=1)


class SubscriptionResponse(BaseModel):
    id: str
    plan_code: str
    seats: int
    period_end: date


def container(request: Request) -> SubscriptionsContainer:
    return request.app.state.platform.subscriptions


@router.post("", status_code=status.HTTP_201_CREATED, response_model=SubscriptionResponse)
async def start_subscription(
    body: StartSubscriptionRequest, wiring: Annotated[SubscriptionsContainer, Depends(container)]
) -> SubscriptionResponse:
    try:
        subscription = await wiring.start_subscription.execute(
            customer_id=body.customer_id, plan_id=body.plan_id, seats=body.seats, today=date.today()
        )
    except PlanNotFoundError as error:
        raise HTTPException(status.HTTP_404_NOT_FOUND, str(error)) from error
    except PlanRetiredError as error:
        raise HTTPException(status.HTTP_409_CONFLICT, str(error)) from error
    return SubscriptionResponse(
        id=subscription.id,
        plan_code=subscription.plan.code,
        seats=subscription.seats,
        period_end=subscription.current_period.end,
    )
