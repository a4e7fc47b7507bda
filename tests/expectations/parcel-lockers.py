"""Ground truth for examples/parcel-lockers (style 3: message-bus service), written by hand from its code."""

SLUG = "parcel-lockers"
NAME = "Parcel Lockers"
STYLE = 3
SOURCE_ROOT = "examples/parcel-lockers/src"
PACKAGES = ["lockers"]

CONTEXTS = {
    "lockers": {
        "package": "lockers",
        "shared_kernel": False,
        "layers": {
            "domain",
            "application",
            "adapters",
            "infrastructure",
            "inbound_adapters",
            "read_model",
            "composition_root",
            "tests",
        },
    },
}

MODULE_LAYERS = {
    "lockers": None,
    "lockers.bootstrap": "composition_root",
    "lockers.config": "infrastructure",
    "lockers.views": "read_model",
    "lockers.domain": "domain",
    "lockers.domain.model": "domain",
    "lockers.domain.events": "domain",
    "lockers.domain.commands": "domain",
    "lockers.service_layer": "application",
    "lockers.service_layer.handlers": "application",
    "lockers.service_layer.messagebus": "application",
    "lockers.service_layer.unit_of_work": "application",
    "lockers.adapters": "adapters",
    "lockers.adapters.orm": "adapters",
    "lockers.adapters.repository": "adapters",
    "lockers.adapters.notifications": "adapters",
    "lockers.adapters.redis_eventpublisher": "adapters",
    "lockers.entrypoints": "inbound_adapters",
    "lockers.entrypoints.flask_app": "inbound_adapters",
    "lockers.entrypoints.redis_eventconsumer": "inbound_adapters",
    "lockers.tests": "tests",
    "lockers.tests.fakes": "tests",
}

VIOLATIONS = {
    # the book's SQLAlchemy unit of work lives in the service layer: it imports the ORM session type...
    (
        "application-framework-free",
        "lockers.service_layer.unit_of_work",
        "sqlalchemy.orm",
        "examples/parcel-lockers/src/lockers/service_layer/unit_of_work.py",
        13,
    ),
    # ...and the repository adapter (application -> adapters)
    (
        "layer-dependency",
        "lockers.service_layer.unit_of_work",
        "lockers.adapters.repository",
        "examples/parcel-lockers/src/lockers/service_layer/unit_of_work.py",
        16,
    ),
    # handlers import the notifications adapter for their type hints (under TYPE_CHECKING: reported type-only)
    (
        "layer-dependency",
        "lockers.service_layer.handlers",
        "lockers.adapters.notifications",
        "examples/parcel-lockers/src/lockers/service_layer/handlers.py",
        16,
    ),
    # the Redis consumer reads connection settings itself instead of getting them from bootstrap
    (
        "inbound-not-outbound",
        "lockers.entrypoints.redis_eventconsumer",
        "lockers.config",
        "examples/parcel-lockers/src/lockers/entrypoints/redis_eventconsumer.py",
        12,
    ),
}

ELEMENTS = {
    # the aggregate, an entity inside it, and a value object
    "lockers.domain.model.LockerBank": {"aggregate", "entity"},
    "lockers.domain.model.Compartment": {"entity"},
    "lockers.domain.model.Reservation": {"value_object"},
    # commands (the `Command` base class itself is a marker, not a command)
    "lockers.domain.commands.InstallLockerBank": {"command"},
    "lockers.domain.commands.ReserveCompartment": {"command"},
    "lockers.domain.commands.DepositParcel": {"command"},
    "lockers.domain.commands.CollectParcel": {"command"},
    "lockers.domain.commands.ExpireReservations": {"command"},
    "lockers.domain.commands.TakeCompartmentOutOfService": {"command"},
    # domain events (the `Event` base class itself is a marker, not an event)
    "lockers.domain.events.CompartmentReserved": {"domain_event"},
    "lockers.domain.events.NoCompartmentAvailable": {"domain_event"},
    "lockers.domain.events.ParcelDeposited": {"domain_event"},
    "lockers.domain.events.ParcelCollected": {"domain_event"},
    "lockers.domain.events.ReservationExpired": {"domain_event"},
    # handler functions
    "lockers.service_layer.handlers.install_locker_bank": {"command_handler"},
    "lockers.service_layer.handlers.reserve_compartment": {"command_handler"},
    "lockers.service_layer.handlers.deposit_parcel": {"command_handler"},
    "lockers.service_layer.handlers.collect_parcel": {"command_handler"},
    "lockers.service_layer.handlers.expire_reservations": {"command_handler"},
    "lockers.service_layer.handlers.take_compartment_out_of_service": {"command_handler"},
    "lockers.service_layer.handlers.alert_operations": {"event_handler"},
    "lockers.service_layer.handlers.email_pickup_code": {"event_handler"},
    "lockers.service_layer.handlers.publish_compartment_reserved": {"event_handler"},
    "lockers.service_layer.handlers.publish_parcel_collected": {"event_handler"},
    "lockers.service_layer.handlers.add_reservation_to_read_model": {"event_handler"},
    "lockers.service_layer.handlers.mark_deposited_in_read_model": {"event_handler"},
    "lockers.service_layer.handlers.remove_reservation_from_read_model": {"event_handler"},
    # the bus
    "lockers.service_layer.messagebus.MessageBus": {"message_bus"},
    # unit of work: abstract port and its SQLAlchemy implementation (which sits in the service layer)
    "lockers.service_layer.unit_of_work.AbstractUnitOfWork": {"port", "unit_of_work"},
    "lockers.service_layer.unit_of_work.SqlAlchemyUnitOfWork": {"adapter", "unit_of_work"},
    # repository and notifications: abstract ports defined in the adapters package, as in the book
    "lockers.adapters.repository.AbstractRepository": {"port", "repository"},
    "lockers.adapters.repository.SqlAlchemyRepository": {"adapter", "repository"},
    "lockers.adapters.notifications.AbstractNotifications": {"port"},
    "lockers.adapters.notifications.EmailNotifications": {"adapter"},
    # test fakes
    "lockers.tests.fakes.FakeRepository": {"adapter", "repository"},
    "lockers.tests.fakes.FakeUnitOfWork": {"adapter", "unit_of_work"},
    "lockers.tests.fakes.FakeNotifications": {"adapter"},
}

RELATIONS = {
    # the aggregate records events, and one command (re-reserve a parcel whose compartment broke)
    ("publishes", "lockers.domain.model.LockerBank.reserve", "lockers.domain.events.CompartmentReserved"),
    ("publishes", "lockers.domain.model.LockerBank.reserve", "lockers.domain.events.NoCompartmentAvailable"),
    ("publishes", "lockers.domain.model.LockerBank.deposit", "lockers.domain.events.ParcelDeposited"),
    ("publishes", "lockers.domain.model.LockerBank.collect", "lockers.domain.events.ParcelCollected"),
    (
        "publishes",
        "lockers.domain.model.LockerBank.expire_reservations",
        "lockers.domain.events.ReservationExpired",
    ),
    (
        "publishes",
        "lockers.domain.model.LockerBank.take_out_of_service",
        "lockers.domain.commands.ReserveCompartment",
    ),
    # entrypoints build commands and hand them to the bus
    (
        "publishes",
        "lockers.entrypoints.flask_app.install_locker_bank",
        "lockers.domain.commands.InstallLockerBank",
    ),
    (
        "publishes",
        "lockers.entrypoints.flask_app.reserve_compartment",
        "lockers.domain.commands.ReserveCompartment",
    ),
    ("publishes", "lockers.entrypoints.flask_app.deposit_parcel", "lockers.domain.commands.DepositParcel"),
    ("publishes", "lockers.entrypoints.flask_app.collect_parcel", "lockers.domain.commands.CollectParcel"),
    (
        "publishes",
        "lockers.entrypoints.flask_app.expire_reservations",
        "lockers.domain.commands.ExpireReservations",
    ),
    (
        "publishes",
        "lockers.entrypoints.redis_eventconsumer.reserve_for_dispatched_parcel",
        "lockers.domain.commands.ReserveCompartment",
    ),
    (
        "publishes",
        "lockers.entrypoints.redis_eventconsumer.take_faulty_compartment_out_of_service",
        "lockers.domain.commands.TakeCompartmentOutOfService",
    ),
    # COMMAND_HANDLERS (one handler per command)
    (
        "handles",
        "lockers.service_layer.handlers.install_locker_bank",
        "lockers.domain.commands.InstallLockerBank",
    ),
    (
        "handles",
        "lockers.service_layer.handlers.reserve_compartment",
        "lockers.domain.commands.ReserveCompartment",
    ),
    ("handles", "lockers.service_layer.handlers.deposit_parcel", "lockers.domain.commands.DepositParcel"),
    ("handles", "lockers.service_layer.handlers.collect_parcel", "lockers.domain.commands.CollectParcel"),
    (
        "handles",
        "lockers.service_layer.handlers.expire_reservations",
        "lockers.domain.commands.ExpireReservations",
    ),
    (
        "handles",
        "lockers.service_layer.handlers.take_compartment_out_of_service",
        "lockers.domain.commands.TakeCompartmentOutOfService",
    ),
    # EVENT_HANDLERS (a list per event; remove_reservation_from_read_model serves two events)
    (
        "handles",
        "lockers.service_layer.handlers.publish_compartment_reserved",
        "lockers.domain.events.CompartmentReserved",
    ),
    (
        "handles",
        "lockers.service_layer.handlers.add_reservation_to_read_model",
        "lockers.domain.events.CompartmentReserved",
    ),
    (
        "handles",
        "lockers.service_layer.handlers.alert_operations",
        "lockers.domain.events.NoCompartmentAvailable",
    ),
    ("handles", "lockers.service_layer.handlers.email_pickup_code", "lockers.domain.events.ParcelDeposited"),
    (
        "handles",
        "lockers.service_layer.handlers.mark_deposited_in_read_model",
        "lockers.domain.events.ParcelDeposited",
    ),
    (
        "handles",
        "lockers.service_layer.handlers.publish_parcel_collected",
        "lockers.domain.events.ParcelCollected",
    ),
    (
        "handles",
        "lockers.service_layer.handlers.remove_reservation_from_read_model",
        "lockers.domain.events.ParcelCollected",
    ),
    (
        "handles",
        "lockers.service_layer.handlers.remove_reservation_from_read_model",
        "lockers.domain.events.ReservationExpired",
    ),
    # implementations: all nominal (subclasses of the abstract classes)
    (
        "implements",
        "lockers.service_layer.unit_of_work.SqlAlchemyUnitOfWork",
        "lockers.service_layer.unit_of_work.AbstractUnitOfWork",
    ),
    (
        "implements",
        "lockers.adapters.repository.SqlAlchemyRepository",
        "lockers.adapters.repository.AbstractRepository",
    ),
    (
        "implements",
        "lockers.adapters.notifications.EmailNotifications",
        "lockers.adapters.notifications.AbstractNotifications",
    ),
    ("implements", "lockers.tests.fakes.FakeRepository", "lockers.adapters.repository.AbstractRepository"),
    ("implements", "lockers.tests.fakes.FakeUnitOfWork", "lockers.service_layer.unit_of_work.AbstractUnitOfWork"),
    (
        "implements",
        "lockers.tests.fakes.FakeNotifications",
        "lockers.adapters.notifications.AbstractNotifications",
    ),
}
