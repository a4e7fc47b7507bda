"""Composition root: builds the adapters, wires them into handlers and registers the handlers on the bus."""

import os
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

from fastapi import Request
from sqlalchemy import create_engine
from sqlalchemy.orm import sessionmaker

from charging.sessions.adapters.ocpp_gateway import OcppChargerGateway
from charging.sessions.adapters.read_side import SqlSessionQueries
from charging.sessions.adapters.unit_of_work import SqlUnitOfWork
from charging.sessions.domain.commands import StartSession, StopSession
from charging.sessions.domain.events import SessionStopped
from charging.sessions.service.commands.handlers import StartSessionHandler, StopSessionHandler
from charging.sessions.service.queries.definitions import FindOpenSession, GetSession
from charging.sessions.service.queries.handlers import FindOpenSessionHandler, GetSessionHandler
from charging.shared.adapters.outbox import OutboxRelay
from charging.shared.messagebus import CommandHandler, EventHandler, MessageBus
from charging.shared.model import Command, DomainEvent, Query
from charging.tariffs.adapters.orm import start_mappers
from charging.tariffs.adapters.repository import SqlTariffReads
from charging.tariffs.adapters.unit_of_work import SqlTariffUnitOfWork
from charging.tariffs.domain.commands import DraftTariff, PublishTariff
from charging.tariffs.service.commands.handlers import DraftTariffHandler, PublishTariffHandler
from charging.tariffs.service.event_handlers import price_stopped_session
from charging.tariffs.service.queries.definitions import GetSessionCharge
from charging.tariffs.service.queries.handlers import GetSessionChargeHandler


@dataclass
class ServiceContainer:
    """The wired service: the bus for commands and events, the query handlers, the outbox relay."""

    ocpp_bridge_url: str
    bus: MessageBus
    query_handlers: dict[type[Query], Callable[[Any], Any]]
    relay: OutboxRelay

    def ask(self, query: Query) -> Any:
        return self.query_handlers[type(query)](query)


def bootstrap() -> ServiceContainer:
    ocpp_bridge_url = os.environ.get("CHARGING_OCPP_BRIDGE_URL", "http://csms-bridge:8080/api/v1")
    engine = create_engine(os.environ["CHARGING_DATABASE_URL"], pool_pre_ping=True)
    session_factory = sessionmaker(engine, expire_on_commit=False)
    start_mappers()

    sessions_uow = partial(SqlUnitOfWork, session_factory)
    tariffs_uow = partial(SqlTariffUnitOfWork, session_factory)
    chargers = OcppChargerGateway(ocpp_bridge_url)

    command_handlers: dict[type[Command], CommandHandler] = {
        StartSession: StartSessionHandler(sessions_uow, chargers),
        StopSession: StopSessionHandler(sessions_uow, chargers),
        DraftTariff: DraftTariffHandler(tariffs_uow),
        PublishTariff: PublishTariffHandler(tariffs_uow),
    }
    event_handlers: dict[type[DomainEvent], list[EventHandler]] = {
        SessionStopped: [partial(price_stopped_session, uow=tariffs_uow)],
    }
    query_handlers: dict[type[Query], Callable[[Any], Any]] = {
        GetSession: GetSessionHandler(SqlSessionQueries(session_factory)),
        FindOpenSession: FindOpenSessionHandler(sessions_uow),
        GetSessionCharge: GetSessionChargeHandler(SqlTariffReads(session_factory)),
    }
    bus = MessageBus(command_handlers, event_handlers)
    return ServiceContainer(ocpp_bridge_url, bus, query_handlers, OutboxRelay(session_factory, bus))


def get_container(request: Request) -> ServiceContainer:
    """FastAPI dependency: the container built at startup."""
    container: ServiceContainer = request.app.state.container
    return container
