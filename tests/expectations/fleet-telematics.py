"""Ground truth for examples/fleet-telematics (style 2: app-layer layout with services and mappers), by hand."""

SLUG = "fleet-telematics"
NAME = "Fleet Telematics"
STYLE = 2
SOURCE_ROOT = "examples/fleet-telematics/src"
PACKAGES = ["app"]

CONTEXTS = {
    "app": {
        "package": "app",
        "shared_kernel": False,
        "layers": {
            "domain",
            "application",
            "adapters",
            "infrastructure",
            "inbound_adapters",
            "composition_root",
            "tests",
        },
    },
}

MODULE_LAYERS = {
    "app": None,
    "app.main": "composition_root",
    "app.config": "infrastructure",
    "app.db": "infrastructure",
    # domain
    "app.domain": "domain",
    "app.domain.exceptions": "domain",
    "app.domain.entities": "domain",
    "app.domain.entities.vehicle": "domain",
    "app.domain.entities.trip": "domain",
    "app.domain.entities.geofence": "domain",
    "app.domain.value_objects": "domain",
    "app.domain.value_objects.geo": "domain",
    "app.domain.value_objects.vehicle_identity": "domain",
    "app.domain.events": "domain",
    "app.domain.events.trip_events": "domain",
    "app.domain.events.geofence_events": "domain",
    "app.domain.events.vehicle_events": "domain",
    "app.domain.ports": "domain",
    "app.domain.ports.repositories": "domain",
    "app.domain.ports.messaging": "domain",
    "app.domain.ports.telemetry": "domain",
    # application
    "app.services": "application",
    "app.services.vehicle_service": "application",
    "app.services.trip_service": "application",
    "app.services.geofence_service": "application",
    "app.services.ingestion_service": "application",
    # adapters
    "app.adapters": "adapters",
    "app.adapters.persistence": "adapters",
    "app.adapters.persistence.mappers": "adapters",
    "app.adapters.persistence.repositories": "adapters",
    "app.adapters.external": "adapters",
    "app.adapters.external.webhook_notifier": "adapters",
    "app.adapters.external.redis_event_publisher": "adapters",
    "app.adapters.processing": "adapters",
    "app.adapters.processing.teltonika_decoder": "adapters",
    # infrastructure (ORM models)
    "app.models": "infrastructure",
    "app.models.base": "infrastructure",
    "app.models.vehicle": "infrastructure",
    "app.models.trip": "infrastructure",
    "app.models.geofence": "infrastructure",
    # inbound adapters; deps.py is the composition root by name
    "app.api": "inbound_adapters",
    "app.api.v1": "inbound_adapters",
    "app.api.v1.deps": "composition_root",
    "app.api.v1.vehicles": "inbound_adapters",
    "app.api.v1.trips": "inbound_adapters",
    "app.api.v1.geofences": "inbound_adapters",
    # pydantic API schemas: no layer under the default names
    "app.schemas": None,
    "app.schemas.vehicles": None,
    "app.schemas.trips": None,
    "app.schemas.geofences": None,
    # tests
    "app.tests": "tests",
    "app.tests.fakes": "tests",
}

VIOLATIONS = {
    # the Vehicle entity imports its ORM model for a to_orm() shortcut (domain -> infrastructure)
    (
        "layer-dependency",
        "app.domain.entities.vehicle",
        "app.models.vehicle",
        "examples/fleet-telematics/src/app/domain/entities/vehicle.py",
        14,
    ),
    # the ingestion service imports (and instantiates) a decoder adapter (application -> adapters)
    (
        "layer-dependency",
        "app.services.ingestion_service",
        "app.adapters.processing.teltonika_decoder",
        "examples/fleet-telematics/src/app/services/ingestion_service.py",
        10,
    ),
    # a route reads the repository adapter directly instead of going through a service
    (
        "inbound-not-outbound",
        "app.api.v1.geofences",
        "app.adapters.persistence.repositories",
        "examples/fleet-telematics/src/app/api/v1/geofences.py",
        8,
    ),
    # Trip holds the Vehicle aggregate (attribute `vehicle`, line 23) instead of its id
    (
        "aggregate-references-by-id",
        "app.domain.entities.trip.Trip",
        "app.domain.entities.vehicle.Vehicle",
        "examples/fleet-telematics/src/app/domain/entities/trip.py",
        23,
    ),
}

ELEMENTS = {
    # aggregates (repository-loaded, collect events)
    "app.domain.entities.vehicle.Vehicle": {"aggregate", "entity"},
    "app.domain.entities.trip.Trip": {"aggregate", "entity"},
    "app.domain.entities.geofence.Geofence": {"aggregate", "entity"},
    # value objects
    "app.domain.value_objects.geo.GeoPoint": {"value_object"},
    "app.domain.value_objects.geo.GpsPing": {"value_object"},
    "app.domain.value_objects.vehicle_identity.Vin": {"value_object"},
    # domain events
    "app.domain.events.trip_events.TripStarted": {"domain_event"},
    "app.domain.events.trip_events.TripEnded": {"domain_event"},
    "app.domain.events.geofence_events.GeofenceEntered": {"domain_event"},
    "app.domain.events.geofence_events.GeofenceExited": {"domain_event"},
    "app.domain.events.vehicle_events.MaintenanceDue": {"domain_event"},
    # ports (Protocols, and one ABC)
    "app.domain.ports.repositories.VehicleRepository": {"port", "repository"},
    "app.domain.ports.repositories.TripRepository": {"port", "repository"},
    "app.domain.ports.repositories.GeofenceRepository": {"port", "repository"},
    "app.domain.ports.messaging.EventPublisher": {"port"},
    "app.domain.ports.messaging.AlertNotifier": {"port"},
    "app.domain.ports.telemetry.TelemetryDecoder": {"port"},
    # application services: classes holding the use cases, ports injected in the constructor
    "app.services.vehicle_service.VehicleService": {"use_case"},
    "app.services.trip_service.TripService": {"use_case"},
    "app.services.geofence_service.GeofenceService": {"use_case"},
    "app.services.ingestion_service.IngestionService": {"use_case"},
    # adapters
    "app.adapters.persistence.repositories.SqlAlchemyVehicleRepository": {"adapter", "repository"},
    "app.adapters.persistence.repositories.SqlAlchemyTripRepository": {"adapter", "repository"},
    "app.adapters.persistence.repositories.SqlAlchemyGeofenceRepository": {"adapter", "repository"},
    "app.adapters.external.webhook_notifier.WebhookAlertNotifier": {"adapter"},
    "app.adapters.external.redis_event_publisher.RedisStreamEventPublisher": {"adapter"},
    "app.adapters.processing.teltonika_decoder.TeltonikaDecoder": {"adapter"},
    # test fakes
    "app.tests.fakes.InMemoryVehicleRepository": {"adapter", "repository"},
    "app.tests.fakes.InMemoryTripRepository": {"adapter", "repository"},
    "app.tests.fakes.InMemoryGeofenceRepository": {"adapter", "repository"},
    "app.tests.fakes.FakeEventPublisher": {"adapter"},
    "app.tests.fakes.FakeAlertNotifier": {"adapter"},
}

RELATIONS = {
    # aggregates record events in self.events (Trip.start on the new trip's events)
    (
        "publishes",
        "app.domain.entities.vehicle.Vehicle.add_distance",
        "app.domain.events.vehicle_events.MaintenanceDue",
    ),
    ("publishes", "app.domain.entities.trip.Trip.start", "app.domain.events.trip_events.TripStarted"),
    ("publishes", "app.domain.entities.trip.Trip.end", "app.domain.events.trip_events.TripEnded"),
    (
        "publishes",
        "app.domain.entities.geofence.Geofence.evaluate",
        "app.domain.events.geofence_events.GeofenceEntered",
    ),
    ("publishes", "app.domain.entities.geofence.Geofence.evaluate", "app.domain.events.geofence_events.GeofenceExited"),
    # structural implementations (no inheritance), except the decoder which subclasses its ABC port
    (
        "implements",
        "app.adapters.persistence.repositories.SqlAlchemyVehicleRepository",
        "app.domain.ports.repositories.VehicleRepository",
    ),
    (
        "implements",
        "app.adapters.persistence.repositories.SqlAlchemyTripRepository",
        "app.domain.ports.repositories.TripRepository",
    ),
    (
        "implements",
        "app.adapters.persistence.repositories.SqlAlchemyGeofenceRepository",
        "app.domain.ports.repositories.GeofenceRepository",
    ),
    (
        "implements",
        "app.adapters.external.webhook_notifier.WebhookAlertNotifier",
        "app.domain.ports.messaging.AlertNotifier",
    ),
    (
        "implements",
        "app.adapters.external.redis_event_publisher.RedisStreamEventPublisher",
        "app.domain.ports.messaging.EventPublisher",
    ),
    (
        "implements",
        "app.adapters.processing.teltonika_decoder.TeltonikaDecoder",
        "app.domain.ports.telemetry.TelemetryDecoder",
    ),
    ("implements", "app.tests.fakes.InMemoryVehicleRepository", "app.domain.ports.repositories.VehicleRepository"),
    ("implements", "app.tests.fakes.InMemoryTripRepository", "app.domain.ports.repositories.TripRepository"),
    ("implements", "app.tests.fakes.InMemoryGeofenceRepository", "app.domain.ports.repositories.GeofenceRepository"),
    ("implements", "app.tests.fakes.FakeEventPublisher", "app.domain.ports.messaging.EventPublisher"),
    ("implements", "app.tests.fakes.FakeAlertNotifier", "app.domain.ports.messaging.AlertNotifier"),
    # the deliberate aggregate-by-object reference
    ("references", "app.domain.entities.trip.Trip", "app.domain.entities.vehicle.Vehicle"),
}
