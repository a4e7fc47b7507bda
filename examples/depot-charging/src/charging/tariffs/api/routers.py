"""HTTP routes of the tariffs context, for the depot's energy manager and for billing lookups."""

from dataclasses import asdict
from datetime import datetime
from decimal import Decimal
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, status
from pydantic import BaseModel, Field

from charging.bootstrap import ServiceContainer, get_container
from charging.tariffs.domain.commands import DraftTariff, PublishTariff
from charging.tariffs.domain.model import TariffError
from charging.tariffs.service.queries.definitions import GetSessionCharge

router = APIRouter(tags=["tariffs"])
Container = Depends(get_container)


class PriceWindowBody(BaseModel):
    start_hour: int = Field(ge=0, le=23)
    end_hour: int = Field(ge=1, le=24)
    price_per_kwh: Decimal = Field(ge=0)


class DraftTariffRequest(BaseModel):
    name: str
    currency: str = Field(default="AUD", pattern=r"^[A-Z]{3}$")
    windows: list[PriceWindowBody]


class PublishTariffRequest(BaseModel):
    effective_from: datetime


@router.post("/tariffs", status_code=status.HTTP_201_CREATED)
def draft_tariff(body: DraftTariffRequest, container: ServiceContainer = Container) -> dict[str, str]:
    windows = tuple((w.start_hour, w.end_hour, w.price_per_kwh) for w in body.windows)
    try:
        tariff_id = container.bus.handle(DraftTariff(body.name, body.currency, windows))
    except TariffError as error:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_ENTITY, str(error)) from error
    return {"tariff_id": tariff_id}


@router.post("/tariffs/{tariff_id}/publish", status_code=status.HTTP_204_NO_CONTENT)
def publish_tariff(tariff_id: str, body: PublishTariffRequest, container: ServiceContainer = Container) -> None:
    try:
        container.bus.handle(PublishTariff(tariff_id, body.effective_from))
    except TariffError as error:
        raise HTTPException(status.HTTP_409_CONFLICT, str(error)) from error


@router.get("/charges/{session_id}")
def get_session_charge(session_id: str, container: ServiceContainer = Container) -> dict[str, Any]:
    view = container.ask(GetSessionCharge(session_id))
    if view is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"session {session_id} has not been priced")
    return asdict(view)
