"""Composition root: chooses the adapters, starts the ORM and binds each handler's dependencies.

Tests call ``bootstrap(start_orm=False, uow=FakeUnitOfWork(), notifications=FakeNotifications(), ...)``.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from functools import partial
from typing import Any

from sqlalchemy import create_engine
from sqlalchemy.orm import sessionmaker

from lockers import config
from lockers.adapters import orm, redis_eventpublisher
from lockers.adapters.notifications import AbstractNotifications, EmailNotifications
from lockers.domain import events
from lockers.service_layer import messagebus, unit_of_work


def default_session_factory() -> sessionmaker:
    engine = create_engine(config.get_postgres_uri(), isolation_level="REPEATABLE READ")
    return sessionmaker(bind=engine)


def bootstrap(
    start_orm: bool = True,
    uow: unit_of_work.AbstractUnitOfWork | None = None,
    notifications: AbstractNotifications | None = None,
    publish: Callable[[str, events.Event], None] = redis_eventpublisher.publish,
) -> messagebus.MessageBus:
    if uow is None:
        uow = unit_of_work.SqlAlchemyUnitOfWork(default_session_factory())
    if notifications is None:
        notifications = EmailNotifications()
    if start_orm:
        orm.start_mappers()

    dependencies = dict(uow=uow, notifications=notifications, publish=publish)
    injected_event_handlers = {
        event_type: [inject_dependencies(handler, dependencies) for handler in handlers]
        for event_type, handlers in messagebus.EVENT_HANDLERS.items()
    }
    injected_command_handlers = {
        command_type: inject_dependencies(handler, dependencies)
        for command_type, handler in messagebus.COMMAND_HANDLERS.items()
    }
    return messagebus.MessageBus(uow, injected_event_handlers, injected_command_handlers)


def inject_dependencies(handler: Callable[..., Any], dependencies: dict[str, Any]) -> Callable[..., Any]:
    """Bind the parameters a handler names (``uow``, ``notifications``, ``publish``) to the given objects."""
    wanted = inspect.signature(handler).parameters
    return partial(handler, **{name: value for name, value in dependencies.items() if name in wanted})
