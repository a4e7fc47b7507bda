"""Unit of work port: one transaction covering session changes and the events they recorded."""

from abc import ABC, abstractmethod
from typing import Self

from charging.sessions.ports.repository import SessionRepository
from charging.shared.outbox import Outbox


class UnitOfWork(ABC):
    """Commits aggregates and their pending events atomically (transactional outbox); rolls back otherwise."""

    sessions: SessionRepository
    outbox: Outbox

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.rollback()

    def commit(self) -> None:
        for session in self.sessions.seen:
            for event in session.pull_events():
                self.outbox.add(event)
        self._commit()

    @abstractmethod
    def _commit(self) -> None: ...

    @abstractmethod
    def rollback(self) -> None: ...
