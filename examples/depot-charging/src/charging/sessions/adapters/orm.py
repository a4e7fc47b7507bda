"""SQLAlchemy Core table of the sessions context; the repository maps rows to aggregates by hand."""

from sqlalchemy import Column, DateTime, Integer, MetaData, Numeric, String, Table

metadata = MetaData()

charging_sessions = Table(
    "charging_sessions",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("charger_id", String(32), nullable=False, index=True),
    Column("connector", Integer, nullable=False),
    Column("vehicle_id", String(32), nullable=False),
    Column("status", String(16), nullable=False),
    Column("start_register_kwh", Numeric(12, 3), nullable=False),
    Column("stop_register_kwh", Numeric(12, 3)),
    Column("started_at", DateTime(timezone=True), nullable=False),
    Column("stopped_at", DateTime(timezone=True)),
)
