"""The trips table; the latest ping is kept in columns, the full track lives in the time-series store."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import Boolean, DateTime, Float, ForeignKey, Integer, Uuid
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base
from app.models.vehicle import VehicleModel


class TripModel(Base):
    __tablename__ = "trips"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    vehicle_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("vehicles.id"), index=True)
    driver_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, nullable=True)
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    ended_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    distance_km: Mapped[float] = mapped_column(Float, default=0.0)
    max_speed_kph: Mapped[float] = mapped_column(Float, default=0.0)
    last_latitude: Mapped[float] = mapped_column(Float)
    last_longitude: Mapped[float] = mapped_column(Float)
    last_recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    last_speed_kph: Mapped[float] = mapped_column(Float)
    last_heading_deg: Mapped[int] = mapped_column(Integer)
    last_ignition_on: Mapped[bool] = mapped_column(Boolean)
    vehicle: Mapped[VehicleModel] = relationship(lazy="joined")
