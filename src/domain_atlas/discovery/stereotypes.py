"""The stereotype catalogue: declarative evidence that makes a class an aggregate, an event, a port...

Each rule names the kind it suggests and the evidence shown to the reader. Rules only look at one
class at a time; what needs the whole service (a repository loads it, an adapter conforms to it) is
decided in `catalogue.py`.
"""

from __future__ import annotations

import re

from domain_atlas.discovery.bodies import EVENT_COLLECTIONS

# Base class names (last segment) that make a class of a kind, wherever the base is defined.
KIND_BY_BASE_NAME: dict[str, str] = {
    "AggregateRoot": "aggregate",
    "Aggregate": "aggregate",
    "Entity": "entity",
    "ValueObject": "value_object",
    "DomainEvent": "domain_event",
    "Event": "domain_event",
    "BaseEvent": "domain_event",
    "IntegrationEvent": "integration_event",
    "Command": "command",
    "BaseCommand": "command",
    "Query": "query",
    "BaseQuery": "query",
    "Message": "",
}
PROTOCOL_BASES = frozenset({"Protocol", "typing.Protocol", "typing_extensions.Protocol"})
ABC_BASES = frozenset({"ABC", "abc.ABC"})
NOT_ELEMENT_BASES = frozenset(
    {
        "Enum",
        "IntEnum",
        "StrEnum",
        "Flag",
        "IntFlag",
        "Exception",
        "ValueError",
        "RuntimeError",
        "LookupError",
        "KeyError",
        "TypeError",
        "TypedDict",
        "BaseSettings",
        "DeclarativeBase",
        "Base",
        "Model",
        "APIRouter",
        "Table",
    }
)

MESSAGE_MODULES: dict[str, str] = {
    "events": "domain_event",
    "domain_events": "domain_event",
    "integration_events": "integration_event",
    "commands": "command",
    "queries": "query",
}
PLACE_KIND: dict[str, str] = {
    "value_objects": "value_object",
    "entities": "entity",
    "read_models": "read_model",
    "read_model": "read_model",
    "projections": "projection",
}
PORT_PLACES = frozenset({"ports", "protocols", "interfaces"})

PORT_NAME = re.compile(
    r"(Repository|Port|Gateway|UnitOfWork|Publisher|Provider|Sender|Notifier|Store|Client|Bus|Outbox|Lookup|"
    r"Service|Protocol|Interface|Reader|Writer|Cache|Clock|Finder|Registry)$"
)
EVENT_NAME = re.compile(
    r"(Event|ed|Sent|Paid|Built|Made|Held|Lost|Won|Begun|Run|Set|Put|Shut|Split|Spent|Sold|Told|"
    r"Taken|Given|Done|Written|Chosen|Frozen|Broken|Undone|Withdrawn|Drawn|Overdue|Due|Failed|"
    r"Succeeded|Attempted|Began|Occurred)$"
)
COMMAND_NAME = re.compile(r"Command$")
QUERY_NAME = re.compile(r"^(Get|List|Find|Search|Fetch|Count|Show)[A-Z]\w*$|Query$")
HANDLER_NAME = re.compile(r"Handler$")
READ_MODEL_NAME = re.compile(r"(ReadModel|View|DTO|Dto|Summary|Details|Report|Row|Item|Response|Result)$")
FAKE_NAME = re.compile(r"^(Fake|InMemory|Stub|Dummy|Mock|Spy)[A-Z]")
EVENT_TYPE_ATTRIBUTES = ("event_type", "type", "name", "topic", "event_name", "TYPE", "NAME", "EVENT_TYPE")
__all__ = ["EVENT_COLLECTIONS"]

HANDLER_METHODS = ("handle", "execute", "__call__", "run", "process")


def is_frozen_dataclass(decorators: tuple[str, ...]) -> bool:
    return any(
        d.split("(")[0].split(".")[-1] == "dataclass" and "frozen=True" in d.replace(" ", "") for d in decorators
    )


def is_dataclass(decorators: tuple[str, ...]) -> bool:
    return any(d.split("(")[0].split(".")[-1] in {"dataclass", "define", "frozen", "attrs"} for d in decorators)


def message_kind_of_place(module_parts: list[str]) -> str:
    for part in reversed(module_parts):
        if part in MESSAGE_MODULES:
            return MESSAGE_MODULES[part]
    return ""


def place_kind(module_parts: list[str]) -> tuple[str, str]:
    """(kind, the package or module name that says so), e.g. ("value_object", "value_objects")."""
    for part in reversed(module_parts):
        if part in PLACE_KIND:
            return PLACE_KIND[part], part
    return "", ""


def in_port_place(module_parts: list[str]) -> bool:
    return any(part in PORT_PLACES for part in module_parts)
