"""The vehicles table."""

from __future__ import annotations

import uuid

from sqlalchemy import Integer, String, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base


class VehicleModel(Base):
    __tablename__ = "vehicles"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    vin: Mapped[str] = mapped_column(String(17), unique=True, index=True)
    registration: Mapped[str] = mapped_column(String(16))
    odometer_km: Mapped[int] = mapped_column(Integer, default=0)
    service_interval_km: Mapped[int] = mapped_column(Integer)
    last_service_km: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16), default="active")
