"""SQLAlchemy unit of work of the tariffs context."""

from __future__ import annotations

from sqlalchemy.orm import Session, sessionmaker

from charging.shared.adapters.outbox import SqlOutbox
from charging.tariffs.adapters.repository import SqlChargeLedger, SqlTariffRepository
from charging.tariffs.ports.unit_of_work import TariffUnitOfWork


class SqlTariffUnitOfWork(TariffUnitOfWork):
    def __init__(self, session_factory: sessionmaker[Session]) -> None:
        self._session_factory = session_factory

    def __enter__(self) -> SqlTariffUnitOfWork:
        self._db = self._session_factory()
        self.tariffs = SqlTariffRepository(self._db)
        self.charges = SqlChargeLedger(self._db)
        self.outbox = SqlOutbox(self._db)
        return self

    def __exit__(self, *exc_info: object) -> None:
        super().__exit__(*exc_info)
        self._db.close()

    def _commit(self) -> None:
        self._db.commit()

    def rollback(self) -> None:
        self._db.rollback()
