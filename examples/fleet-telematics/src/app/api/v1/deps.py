"""Composition root: FastAPI dependencies that build each service with its concrete adapters.

One session (so one transaction) serves every service a request uses: FastAPI caches a dependency per request.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.ext.asyncio import AsyncSession

from app.adapters.external.redis_event_publisher import RedisStreamEventPublisher
from app.adapters.external.webhook_notifier import WebhookAlertNotifier
from app.adapters.persistence.repositories import (
    SqlAlchemyGeofenceRepository,
    SqlAlchemyTripRepository,
    SqlAlchemyVehicleRepository,
)
from app.config import settings
from app.db import SessionFactory
from app.domain.ports.messaging import AlertNotifier, EventPublisher
from app.services.geofence_service import GeofenceService
from app.services.ingestion_service import IngestionService
from app.services.trip_service import TripService
from app.services.vehicle_service import VehicleService


async def get_session() -> AsyncIterator[AsyncSession]:
    async with SessionFactory() as session, session.begin():
        yield session


def get_publisher(request: Request) -> EventPublisher:
    return RedisStreamEventPublisher(request.app.state.redis, settings.event_stream)


def get_notifier(request: Request) -> AlertNotifier:
    return WebhookAlertNotifier(request.app.state.http_client, settings.alert_webhook_url)


Session = Annotated[AsyncSession, Depends(get_session)]
Publisher = Annotated[EventPublisher, Depends(get_publisher)]
Notifier = Annotated[AlertNotifier, Depends(get_notifier)]


def get_vehicle_service(session: Session, publisher: Publisher, notifier: Notifier) -> VehicleService:
    return VehicleService(SqlAlchemyVehicleRepository(session), publisher, notifier)


VehicleServiceDep = Annotated[VehicleService, Depends(get_vehicle_service)]


def get_trip_service(session: Session, vehicles: VehicleServiceDep, publisher: Publisher) -> TripService:
    return TripService(SqlAlchemyTripRepository(session), vehicles, publisher)


TripServiceDep = Annotated[TripService, Depends(get_trip_service)]


def get_geofence_service(session: Session, notifier: Notifier, publisher: Publisher) -> GeofenceService:
    return GeofenceService(SqlAlchemyGeofenceRepository(session), notifier, publisher)


GeofenceServiceDep = Annotated[GeofenceService, Depends(get_geofence_service)]


def get_ingestion_service(trips: TripServiceDep, geofences: GeofenceServiceDep) -> IngestionService:
    return IngestionService(trips, geofences)


IngestionServiceDep = Annotated[IngestionService, Depends(get_ingestion_service)]
