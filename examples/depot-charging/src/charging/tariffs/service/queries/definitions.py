"""Queries of the tariffs context."""

from dataclasses import dataclass

from charging.shared.model import Query


@dataclass(frozen=True)
class GetSessionCharge(Query):
    session_id: str
