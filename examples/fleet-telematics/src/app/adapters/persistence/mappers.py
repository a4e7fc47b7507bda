"""ORM model <-> domain entity conversion, so repositories return entities and never ORM models."""

from __future__ import annotations

from app.domain.entities.geofence import Geofence
from app.domain.entities.trip import Trip
from app.domain.entities.vehicle import Vehicle, VehicleStatus
from app.domain.value_objects.geo import GeoPoint, GpsPing
from app.domain.value_objects.vehicle_identity import Vin
from app.models.geofence import GeofenceModel
from app.models.trip import TripModel
from app.models.vehicle import VehicleModel


class VehicleMapper:
    @staticmethod
    def to_entity(model: VehicleModel) -> Vehicle:
        return Vehicle(
            model.id,
            Vin(model.vin),
            model.registration,
            model.odometer_km,
            model.service_interval_km,
            model.last_service_km,
            VehicleStatus(model.status),
        )

    @staticmethod
    def to_model(vehicle: Vehicle) -> VehicleModel:
        return VehicleModel(
            id=vehicle.id,
            vin=vehicle.vin.value,
            registration=vehicle.registration,
            odometer_km=vehicle.odometer_km,
            service_interval_km=vehicle.service_interval_km,
            last_service_km=vehicle.last_service_km,
            status=vehicle.status.value,
        )


class TripMapper:
    @staticmethod
    def to_entity(model: TripModel) -> Trip:
        position = GeoPoint(model.last_latitude, model.last_longitude)
        last_ping = GpsPing(
            model.vehicle_id,
            position,
            model.last_recorded_at,
            model.last_speed_kph,
            model.last_heading_deg,
            model.last_ignition_on,
        )
        vehicle = VehicleMapper.to_entity(model.vehicle)
        return Trip(
            model.id,
            vehicle,
            model.driver_id,
            model.started_at,
            last_ping,
            model.distance_km,
            model.max_speed_kph,
            model.ended_at,
        )

    @staticmethod
    def to_model(trip: Trip) -> TripModel:
        ping = trip.last_ping
        return TripModel(
            id=trip.id,
            vehicle_id=trip.vehicle.id,
            driver_id=trip.driver_id,
            started_at=trip.started_at,
            ended_at=trip.ended_at,
            distance_km=trip.distance_km,
            max_speed_kph=trip.max_speed_kph,
            last_latitude=ping.position.latitude,
            last_longitude=ping.position.longitude,
            last_recorded_at=ping.recorded_at,
            last_speed_kph=ping.speed_kph,
            last_heading_deg=ping.heading_deg,
            last_ignition_on=ping.ignition_on,
        )


class GeofenceMapper:
    @staticmethod
    def to_entity(model: GeofenceModel) -> Geofence:
        center = GeoPoint(model.center_latitude, model.center_longitude)
        return Geofence(model.id, model.name, center, model.radius_m, model.restricted)

    @staticmethod
    def to_model(geofence: Geofence) -> GeofenceModel:
        return GeofenceModel(
            id=geofence.id,
            name=geofence.name,
            center_latitude=geofence.center.latitude,
            center_longitude=geofence.center.longitude,
            radius_m=geofence.radius_m,
            restricted=geofence.restricted,
        )
