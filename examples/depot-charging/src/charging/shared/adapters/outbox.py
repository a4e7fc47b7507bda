"""Transactional outbox: rows written in the business transaction, relayed to the bus afterwards."""

import pickle
from collections.abc import Sequence

from sqlalchemy import Column, DateTime, Integer, LargeBinary, MetaData, String, Table, select, update
from sqlalchemy.orm import Session, sessionmaker

from charging.shared.messagebus import MessageBus
from charging.shared.model import DomainEvent, utcnow
from charging.shared.outbox import Outbox

metadata = MetaData()

outbox_table = Table(
    "outbox",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("event_type", String(80), nullable=False),
    Column("payload", LargeBinary, nullable=False),
    Column("recorded_at", DateTime(timezone=True), nullable=False),
    Column("published_at", DateTime(timezone=True), index=True),
)


class SqlOutbox(Outbox):
    """Outbox rows in the caller's SQLAlchemy session. Payloads are pickled: only our own relay reads them."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, event: DomainEvent) -> None:
        row = {"event_type": event.event_type, "payload": pickle.dumps(event), "recorded_at": utcnow()}
        self._session.execute(outbox_table.insert().values(**row))

    def pending(self, limit: int = 100) -> list[tuple[int, DomainEvent]]:
        query = select(outbox_table.c.id, outbox_table.c.payload).where(outbox_table.c.published_at.is_(None))
        rows = self._session.execute(query.order_by(outbox_table.c.id).limit(limit).with_for_update(skip_locked=True))
        return [(row.id, pickle.loads(row.payload)) for row in rows]

    def mark_published(self, message_ids: Sequence[int]) -> None:
        query = update(outbox_table).where(outbox_table.c.id.in_(message_ids))
        self._session.execute(query.values(published_at=utcnow()))


class InMemoryOutbox(Outbox):
    """Outbox kept in a list, for service tests."""

    def __init__(self) -> None:
        self.messages: list[tuple[int, DomainEvent]] = []
        self.published: set[int] = set()

    def add(self, event: DomainEvent) -> None:
        self.messages.append((len(self.messages) + 1, event))

    def pending(self, limit: int = 100) -> list[tuple[int, DomainEvent]]:
        return [message for message in self.messages if message[0] not in self.published][:limit]

    def mark_published(self, message_ids: Sequence[int]) -> None:
        self.published.update(message_ids)


class OutboxRelay:
    """Moves pending outbox rows onto the message bus, run every few seconds by a worker.

    A failed batch is retried whole, so delivery is at least once and event handlers must be idempotent.
    """

    def __init__(self, session_factory: sessionmaker[Session], bus: MessageBus, batch_size: int = 50) -> None:
        self._session_factory = session_factory
        self._bus = bus
        self._batch_size = batch_size

    def run_once(self) -> int:
        with self._session_factory() as db, db.begin():
            outbox = SqlOutbox(db)
            batch = outbox.pending(self._batch_size)
            for message_id, event in batch:
                self._bus.publish(event)
                outbox.mark_published([message_id])
        return len(batch)
