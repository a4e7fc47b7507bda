"""Expectations for examples/depot-charging (style 1, ADR-led layered service), written by hand from its code."""

SLUG = "depot-charging"
NAME = "Depot Charging"
STYLE = 1
SOURCE_ROOT = "examples/depot-charging/src"
PACKAGES = ["charging"]

_SRC = "examples/depot-charging/src/charging"

CONTEXTS = {
    "sessions": {
        "package": "charging.sessions",
        "shared_kernel": False,
        "layers": {"domain", "application", "ports", "adapters", "inbound_adapters"},
    },
    "tariffs": {
        "package": "charging.tariffs",
        "shared_kernel": False,
        "layers": {"domain", "application", "ports", "adapters", "inbound_adapters"},
    },
    "shared": {
        "package": "charging.shared",
        "shared_kernel": True,
        "layers": {"shared_kernel", "adapters"},
    },
}

MODULE_LAYERS = {
    "charging": None,
    "charging.bootstrap": "composition_root",
    "charging.main": "composition_root",
    # shared kernel: kernel code, except its own adapters/ package
    "charging.shared": "shared_kernel",
    "charging.shared.model": "shared_kernel",
    "charging.shared.money": "shared_kernel",
    "charging.shared.messagebus": "shared_kernel",
    "charging.shared.outbox": "shared_kernel",
    "charging.shared.adapters": "adapters",
    "charging.shared.adapters.outbox": "adapters",
    # sessions
    "charging.sessions": None,
    "charging.sessions.domain": "domain",
    "charging.sessions.domain.commands": "domain",
    "charging.sessions.domain.events": "domain",
    "charging.sessions.domain.model": "domain",
    "charging.sessions.domain.value_objects": "domain",
    "charging.sessions.service": "application",
    "charging.sessions.service.commands": "application",
    "charging.sessions.service.commands.handlers": "application",
    "charging.sessions.service.queries": "application",
    "charging.sessions.service.queries.definitions": "application",
    "charging.sessions.service.queries.handlers": "application",
    "charging.sessions.ports": "ports",
    "charging.sessions.ports.charger_gateway": "ports",
    "charging.sessions.ports.read_side": "ports",
    "charging.sessions.ports.repository": "ports",
    "charging.sessions.ports.unit_of_work": "ports",
    "charging.sessions.adapters": "adapters",
    "charging.sessions.adapters.inmemory": "adapters",
    "charging.sessions.adapters.ocpp_gateway": "adapters",
    "charging.sessions.adapters.orm": "adapters",
    "charging.sessions.adapters.read_side": "adapters",
    "charging.sessions.adapters.repository": "adapters",
    "charging.sessions.adapters.unit_of_work": "adapters",
    "charging.sessions.api": "inbound_adapters",
    "charging.sessions.api.routers": "inbound_adapters",
    # tariffs
    "charging.tariffs": None,
    "charging.tariffs.domain": "domain",
    "charging.tariffs.domain.commands": "domain",
    "charging.tariffs.domain.events": "domain",
    "charging.tariffs.domain.model": "domain",
    "charging.tariffs.domain.value_objects": "domain",
    "charging.tariffs.service": "application",
    "charging.tariffs.service.commands": "application",
    "charging.tariffs.service.commands.handlers": "application",
    "charging.tariffs.service.event_handlers": "application",
    "charging.tariffs.service.queries": "application",
    "charging.tariffs.service.queries.definitions": "application",
    "charging.tariffs.service.queries.handlers": "application",
    "charging.tariffs.ports": "ports",
    "charging.tariffs.ports.read_side": "ports",
    "charging.tariffs.ports.repository": "ports",
    "charging.tariffs.ports.unit_of_work": "ports",
    "charging.tariffs.adapters": "adapters",
    "charging.tariffs.adapters.orm": "adapters",
    "charging.tariffs.adapters.repository": "adapters",
    "charging.tariffs.adapters.unit_of_work": "adapters",
    "charging.tariffs.api": "inbound_adapters",
    "charging.tariffs.api.routers": "inbound_adapters",
}

VIOLATIONS = {
    # The domain reuses the OCPP adapter's StopReason enum.
    (
        "layer-dependency",
        "charging.sessions.domain.model",
        "charging.sessions.adapters.ocpp_gateway",
        f"{_SRC}/sessions/domain/model.py",
        9,
    ),
    # The Tariff aggregate uses SQLAlchemy's @reconstructor to reset its events on load.
    (
        "domain-framework-free",
        "charging.tariffs.domain.model",
        "sqlalchemy.orm",
        f"{_SRC}/tariffs/domain/model.py",
        11,
    ),
    # Tariffs borrows EnergyKwh from the sessions domain instead of a shared kernel or its own type.
    (
        "context-independence",
        "charging.tariffs.domain.value_objects",
        "charging.sessions.domain.value_objects",
        f"{_SRC}/tariffs/domain/value_objects.py",
        7,
    ),
    # A diagnostics route builds the OCPP gateway adapter itself.
    (
        "inbound-not-outbound",
        "charging.sessions.api.routers",
        "charging.sessions.adapters.ocpp_gateway",
        f"{_SRC}/sessions/api/routers.py",
        12,
    ),
    # A query handler returns the ChargingSession aggregate (line of its __call__ def).
    (
        "queries-return-read-models",
        "charging.sessions.service.queries.handlers.FindOpenSessionHandler",
        "charging.sessions.domain.model.ChargingSession",
        f"{_SRC}/sessions/service/queries/handlers.py",
        27,
    ),
}

ELEMENTS = {
    # shared kernel (the bare base classes DomainEvent, Command, Query and AggregateRoot in
    # charging.shared.model are supertypes, not building blocks, and are deliberately left out)
    "charging.shared.money.Money": {"value_object"},
    "charging.shared.messagebus.MessageBus": {"message_bus"},
    "charging.shared.outbox.Outbox": {"port"},
    "charging.shared.adapters.outbox.SqlOutbox": {"adapter"},
    "charging.shared.adapters.outbox.InMemoryOutbox": {"adapter"},
    # sessions: domain
    "charging.sessions.domain.model.ChargingSession": {"aggregate", "entity"},
    "charging.sessions.domain.value_objects.ChargerId": {"value_object"},
    "charging.sessions.domain.value_objects.ConnectorId": {"value_object"},
    "charging.sessions.domain.value_objects.VehicleId": {"value_object"},
    "charging.sessions.domain.value_objects.EnergyKwh": {"value_object"},
    "charging.sessions.domain.events.SessionStarted": {"domain_event"},
    "charging.sessions.domain.events.SessionStopped": {"domain_event"},
    "charging.sessions.domain.commands.StartSession": {"command"},
    "charging.sessions.domain.commands.StopSession": {"command"},
    # sessions: ports
    "charging.sessions.ports.repository.SessionRepository": {"port", "repository"},
    "charging.sessions.ports.unit_of_work.UnitOfWork": {"port", "unit_of_work"},
    "charging.sessions.ports.charger_gateway.ChargerGateway": {"port"},
    "charging.sessions.ports.read_side.SessionQueryPort": {"port"},
    "charging.sessions.ports.read_side.SessionView": {"read_model"},
    # sessions: service
    "charging.sessions.service.commands.handlers.StartSessionHandler": {"command_handler"},
    "charging.sessions.service.commands.handlers.StopSessionHandler": {"command_handler"},
    "charging.sessions.service.queries.definitions.GetSession": {"query"},
    "charging.sessions.service.queries.definitions.FindOpenSession": {"query"},
    "charging.sessions.service.queries.handlers.GetSessionHandler": {"query_handler"},
    "charging.sessions.service.queries.handlers.FindOpenSessionHandler": {"query_handler"},
    # sessions: adapters
    "charging.sessions.adapters.repository.SqlSessionRepository": {"adapter", "repository"},
    "charging.sessions.adapters.unit_of_work.SqlUnitOfWork": {"adapter", "unit_of_work"},
    "charging.sessions.adapters.read_side.SqlSessionQueries": {"adapter"},
    "charging.sessions.adapters.ocpp_gateway.OcppChargerGateway": {"adapter"},
    "charging.sessions.adapters.inmemory.InMemorySessionRepository": {"adapter", "repository"},
    "charging.sessions.adapters.inmemory.InMemoryUnitOfWork": {"adapter", "unit_of_work"},
    "charging.sessions.adapters.inmemory.FakeChargerGateway": {"adapter"},
    # tariffs: domain
    "charging.tariffs.domain.model.Tariff": {"aggregate", "entity"},
    "charging.tariffs.domain.value_objects.PriceWindow": {"value_object"},
    "charging.tariffs.domain.value_objects.SessionCharge": {"value_object"},
    "charging.tariffs.domain.events.TariffPublished": {"domain_event"},
    "charging.tariffs.domain.events.SessionPriced": {"domain_event"},
    "charging.tariffs.domain.commands.DraftTariff": {"command"},
    "charging.tariffs.domain.commands.PublishTariff": {"command"},
    # tariffs: ports
    "charging.tariffs.ports.repository.TariffRepository": {"port", "repository"},
    "charging.tariffs.ports.repository.ChargeLedger": {"port"},
    "charging.tariffs.ports.unit_of_work.TariffUnitOfWork": {"port", "unit_of_work"},
    "charging.tariffs.ports.read_side.TariffReadPort": {"port"},
    "charging.tariffs.ports.read_side.SessionChargeView": {"read_model"},
    # tariffs: service
    "charging.tariffs.service.commands.handlers.DraftTariffHandler": {"command_handler"},
    "charging.tariffs.service.commands.handlers.PublishTariffHandler": {"command_handler"},
    "charging.tariffs.service.event_handlers.price_stopped_session": {"event_handler"},
    "charging.tariffs.service.queries.definitions.GetSessionCharge": {"query"},
    "charging.tariffs.service.queries.handlers.GetSessionChargeHandler": {"query_handler"},
    # tariffs: adapters
    "charging.tariffs.adapters.repository.SqlTariffRepository": {"adapter", "repository"},
    "charging.tariffs.adapters.repository.SqlChargeLedger": {"adapter"},
    "charging.tariffs.adapters.repository.SqlTariffReads": {"adapter"},
    "charging.tariffs.adapters.unit_of_work.SqlTariffUnitOfWork": {"adapter", "unit_of_work"},
    # composition root (the wired container; the bootstrap() function itself is not an element)
    "charging.bootstrap.ServiceContainer": {"composition_root"},
}

RELATIONS = {
    # aggregates record events
    (
        "publishes",
        "charging.sessions.domain.model.ChargingSession.begin",
        "charging.sessions.domain.events.SessionStarted",
    ),
    (
        "publishes",
        "charging.sessions.domain.model.ChargingSession.stop",
        "charging.sessions.domain.events.SessionStopped",
    ),
    ("publishes", "charging.tariffs.domain.model.Tariff.publish", "charging.tariffs.domain.events.TariffPublished"),
    ("publishes", "charging.tariffs.domain.model.Tariff.price_session", "charging.tariffs.domain.events.SessionPriced"),
    # routers create commands and dispatch them with bus.handle(...)
    ("publishes", "charging.sessions.api.routers.start_session", "charging.sessions.domain.commands.StartSession"),
    ("publishes", "charging.sessions.api.routers.stop_session", "charging.sessions.domain.commands.StopSession"),
    ("publishes", "charging.tariffs.api.routers.draft_tariff", "charging.tariffs.domain.commands.DraftTariff"),
    ("publishes", "charging.tariffs.api.routers.publish_tariff", "charging.tariffs.domain.commands.PublishTariff"),
    # handlers (registered in charging.bootstrap.bootstrap and typed by their first parameter)
    (
        "handles",
        "charging.sessions.service.commands.handlers.StartSessionHandler",
        "charging.sessions.domain.commands.StartSession",
    ),
    (
        "handles",
        "charging.sessions.service.commands.handlers.StopSessionHandler",
        "charging.sessions.domain.commands.StopSession",
    ),
    (
        "handles",
        "charging.sessions.service.queries.handlers.GetSessionHandler",
        "charging.sessions.service.queries.definitions.GetSession",
    ),
    (
        "handles",
        "charging.sessions.service.queries.handlers.FindOpenSessionHandler",
        "charging.sessions.service.queries.definitions.FindOpenSession",
    ),
    (
        "handles",
        "charging.tariffs.service.commands.handlers.DraftTariffHandler",
        "charging.tariffs.domain.commands.DraftTariff",
    ),
    (
        "handles",
        "charging.tariffs.service.commands.handlers.PublishTariffHandler",
        "charging.tariffs.domain.commands.PublishTariff",
    ),
    (
        "handles",
        "charging.tariffs.service.queries.handlers.GetSessionChargeHandler",
        "charging.tariffs.service.queries.definitions.GetSessionCharge",
    ),
    (
        "handles",
        "charging.tariffs.service.event_handlers.price_stopped_session",
        "charging.sessions.domain.events.SessionStopped",
    ),
    # adapters implement ports (all by explicit subclassing)
    ("implements", "charging.shared.adapters.outbox.SqlOutbox", "charging.shared.outbox.Outbox"),
    ("implements", "charging.shared.adapters.outbox.InMemoryOutbox", "charging.shared.outbox.Outbox"),
    (
        "implements",
        "charging.sessions.adapters.repository.SqlSessionRepository",
        "charging.sessions.ports.repository.SessionRepository",
    ),
    (
        "implements",
        "charging.sessions.adapters.inmemory.InMemorySessionRepository",
        "charging.sessions.ports.repository.SessionRepository",
    ),
    (
        "implements",
        "charging.sessions.adapters.unit_of_work.SqlUnitOfWork",
        "charging.sessions.ports.unit_of_work.UnitOfWork",
    ),
    (
        "implements",
        "charging.sessions.adapters.inmemory.InMemoryUnitOfWork",
        "charging.sessions.ports.unit_of_work.UnitOfWork",
    ),
    (
        "implements",
        "charging.sessions.adapters.read_side.SqlSessionQueries",
        "charging.sessions.ports.read_side.SessionQueryPort",
    ),
    (
        "implements",
        "charging.sessions.adapters.ocpp_gateway.OcppChargerGateway",
        "charging.sessions.ports.charger_gateway.ChargerGateway",
    ),
    (
        "implements",
        "charging.sessions.adapters.inmemory.FakeChargerGateway",
        "charging.sessions.ports.charger_gateway.ChargerGateway",
    ),
    (
        "implements",
        "charging.tariffs.adapters.repository.SqlTariffRepository",
        "charging.tariffs.ports.repository.TariffRepository",
    ),
    (
        "implements",
        "charging.tariffs.adapters.repository.SqlChargeLedger",
        "charging.tariffs.ports.repository.ChargeLedger",
    ),
    (
        "implements",
        "charging.tariffs.adapters.repository.SqlTariffReads",
        "charging.tariffs.ports.read_side.TariffReadPort",
    ),
    (
        "implements",
        "charging.tariffs.adapters.unit_of_work.SqlTariffUnitOfWork",
        "charging.tariffs.ports.unit_of_work.TariffUnitOfWork",
    ),
}
