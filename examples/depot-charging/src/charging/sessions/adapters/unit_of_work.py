"""SQLAlchemy unit of work: session rows and outbox rows share one database transaction."""

from __future__ import annotations

from sqlalchemy.orm import Session, sessionmaker

from charging.sessions.adapters.repository import SqlSessionRepository
from charging.sessions.ports.unit_of_work import UnitOfWork
from charging.shared.adapters.outbox import SqlOutbox


class SqlUnitOfWork(UnitOfWork):
    def __init__(self, session_factory: sessionmaker[Session]) -> None:
        self._session_factory = session_factory

    def __enter__(self) -> SqlUnitOfWork:
        self._db = self._session_factory()
        self.sessions = SqlSessionRepository(self._db)
        self.outbox = SqlOutbox(self._db)
        return self

    def __exit__(self, *exc_info: object) -> None:
        super().__exit__(*exc_info)
        self._db.close()

    def _commit(self) -> None:
        self._db.commit()

    def rollback(self) -> None:
        self._db.rollback()
