"""The architecture rules Domain Atlas checks by default, each with what to do instead."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Rule:
    id: str
    title: str
    hint: str
    severity: str = "error"


RULES: dict[str, Rule] = {
    rule.id: rule
    for rule in (
        Rule(
            "layer-dependency",
            "Inner layers do not import outer layers",
            "Depend on a port (an interface in the inner layer) and let the composition root inject the "
            "outer implementation.",
        ),
        Rule(
            "domain-framework-free",
            "The domain imports no framework, ORM or infrastructure client",
            "Keep the domain in plain Python; map to framework types in an adapter.",
        ),
        Rule(
            "application-framework-free",
            "The application layer imports no web framework, ORM or infrastructure client",
            "Reach infrastructure through a port (repository, unit of work, gateway) implemented by an adapter.",
        ),
        Rule(
            "inbound-not-outbound",
            "Inbound adapters do not import outbound adapters",
            "Call the application layer; let the composition root (deps.py, container.py, bootstrap.py) choose "
            "the outbound adapter.",
        ),
        Rule(
            "context-independence",
            "Bounded contexts do not import each other",
            "Integrate through published events, a shared kernel, or an anti-corruption port owned by the "
            "importing context.",
        ),
        Rule(
            "queries-return-read-models",
            "Queries return read models, not aggregates",
            "Return a read model or DTO built for the caller; keep aggregates on the command side.",
        ),
        Rule(
            "aggregate-references-by-id",
            "Aggregates reference other aggregates by id",
            "Hold the other aggregate's id and load it through its own repository when needed.",
        ),
        Rule(
            "value-objects-immutable",
            "Value objects are immutable",
            "Declare the dataclass frozen and return a new value instead of changing this one.",
        ),
        Rule(
            "import-linter-contract",
            "The project's import-linter contracts hold",
            "Change the import, or the contract if the architecture really changed (and record why in an ADR).",
        ),
    )
}

DOMAIN_FORBIDDEN = (
    "fastapi",
    "starlette",
    "pydantic",
    "sqlalchemy",
    "django",
    "flask",
    "redis",
    "boto3",
    "httpx",
    "requests",
    "celery",
    "kafka",
    "aiohttp",
    "psycopg",
    "psycopg2",
    "motor",
    "pymongo",
)

APPLICATION_FORBIDDEN = (
    "fastapi",
    "starlette",
    "flask",
    "django",
    "sqlalchemy",
    "redis",
    "boto3",
    "httpx",
    "requests",
)

# Importing another context's event modules is event-based integration, which the rules allow.
EVENT_MODULE_NAMES = ("events", "domain_events", "integration_events", "messages", "contracts")
