"""Domain events: facts about the fleet in the past tense, carrying ids rather than objects."""

from app.domain.events.geofence_events import GeofenceEntered, GeofenceExited
from app.domain.events.trip_events import TripEnded, TripStarted
from app.domain.events.vehicle_events import MaintenanceDue

DomainEvent = TripStarted | TripEnded | GeofenceEntered | GeofenceExited | MaintenanceDue

__all__ = ["DomainEvent", "GeofenceEntered", "GeofenceExited", "MaintenanceDue", "TripEnded", "TripStarted"]
