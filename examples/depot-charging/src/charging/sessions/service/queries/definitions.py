"""Queries of the sessions context."""

from dataclasses import dataclass

from charging.shared.model import Query


@dataclass(frozen=True)
class GetSession(Query):
    session_id: str


@dataclass(frozen=True)
class FindOpenSession(Query):
    charger_id: str
    connector: int
