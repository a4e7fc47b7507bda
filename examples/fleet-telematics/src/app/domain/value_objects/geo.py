"""Positions on the earth's surface and the pings tracking units report."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from app.domain.exceptions import InvalidPosition

EARTH_RADIUS_KM = 6371.0088


@dataclass(frozen=True)
class GeoPoint:
    """A WGS84 latitude/longitude pair in decimal degrees."""

    latitude: float
    longitude: float

    def __post_init__(self) -> None:
        if not -90.0 <= self.latitude <= 90.0 or not -180.0 <= self.longitude <= 180.0:
            raise InvalidPosition(f"({self.latitude}, {self.longitude}) is not a WGS84 position")

    def distance_km(self, other: GeoPoint) -> float:
        """Great-circle distance to another point (haversine formula)."""
        lat1, lat2 = math.radians(self.latitude), math.radians(other.latitude)
        d_lat = lat2 - lat1
        d_lon = math.radians(other.longitude - self.longitude)
        h = math.sin(d_lat / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(d_lon / 2) ** 2
        return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))


@dataclass(frozen=True)
class GpsPing:
    """One position report from a vehicle's tracking unit."""

    vehicle_id: UUID
    position: GeoPoint
    recorded_at: datetime
    speed_kph: float
    heading_deg: int
    ignition_on: bool = True
    satellites: int = 0
