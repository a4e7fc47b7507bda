"""SQLAlchemy tables of the tariffs context and the imperative mapping of Tariff."""

from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, Column, DateTime, Enum, MetaData, Numeric, String, Table
from sqlalchemy.orm import registry
from sqlalchemy.types import TypeDecorator

from charging.tariffs.domain.model import Tariff, TariffStatus
from charging.tariffs.domain.value_objects import PriceWindow

metadata = MetaData()
mapper_registry = registry(metadata=metadata)


class PriceWindowList(TypeDecorator[list[PriceWindow]]):
    """A tariff's price windows stored as a JSON array."""

    impl = JSON
    cache_ok = True

    def process_bind_param(self, value: list[PriceWindow] | None, dialect: Any) -> list[list[Any]] | None:
        return None if value is None else [[w.start_hour, w.end_hour, str(w.price_per_kwh)] for w in value]

    def process_result_value(self, value: list[list[Any]] | None, dialect: Any) -> list[PriceWindow] | None:
        return None if value is None else [PriceWindow(start, end, Decimal(price)) for start, end, price in value]


tariffs_table = Table(
    "tariffs",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("name", String(120), nullable=False),
    Column("currency", String(3), nullable=False),
    Column("windows", PriceWindowList, nullable=False),
    Column("status", Enum(TariffStatus, native_enum=False, values_callable=lambda e: [m.value for m in e])),
    Column("effective_from", DateTime(timezone=True), index=True),
)

session_charges = Table(
    "session_charges",
    metadata,
    Column("session_id", String(40), primary_key=True),
    Column("tariff_id", String(40), nullable=False),
    Column("energy_kwh", Numeric(12, 3), nullable=False),
    Column("amount", Numeric(12, 2), nullable=False),
    Column("currency", String(3), nullable=False),
)


def start_mappers() -> None:
    """Map Tariff onto its table; safe to call again (tests bootstrap more than once)."""
    if not mapper_registry.mappers:
        mapper_registry.map_imperatively(Tariff, tariffs_table)
