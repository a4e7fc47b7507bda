"""The LockerBank repository: a collection-like port and its SQLAlchemy implementation."""

from __future__ import annotations

import abc

from sqlalchemy.orm import Session

from lockers.domain import model


class AbstractRepository(abc.ABC):
    """Port for loading and adding LockerBank aggregates; remembers every bank it has handed out in ``seen``."""

    def __init__(self) -> None:
        self.seen: set[model.LockerBank] = set()

    def add(self, bank: model.LockerBank) -> None:
        self._add(bank)
        self.seen.add(bank)

    def get(self, reference: str) -> model.LockerBank | None:
        bank = self._get(reference)
        if bank is not None:
            self.seen.add(bank)
        return bank

    @abc.abstractmethod
    def _add(self, bank: model.LockerBank) -> None:
        raise NotImplementedError

    @abc.abstractmethod
    def _get(self, reference: str) -> model.LockerBank | None:
        raise NotImplementedError


class SqlAlchemyRepository(AbstractRepository):
    """Banks through the imperatively mapped tables of ``orm.py``; the version number guards concurrent writers."""

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session

    def _add(self, bank: model.LockerBank) -> None:
        self.session.add(bank)

    def _get(self, reference: str) -> model.LockerBank | None:
        return self.session.query(model.LockerBank).filter_by(reference=reference).first()
