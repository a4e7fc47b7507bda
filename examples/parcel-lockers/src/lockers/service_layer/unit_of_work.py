"""The unit of work: one atomic change to the LockerBank aggregate, used as a context manager.

Nothing is persisted unless the handler calls ``commit()``; leaving the block rolls back whatever is left.
"""

from __future__ import annotations

import abc
from collections.abc import Callable, Iterator
from typing import Any

# NOTE: deliberate violation (application-framework-free)
from sqlalchemy.orm import Session

# NOTE: deliberate violation (layer-dependency)
from lockers.adapters import repository
from lockers.domain import commands, events


class AbstractUnitOfWork(abc.ABC):
    """Port for transactions; gives access to the banks repository while it is open."""

    banks: repository.AbstractRepository

    def __enter__(self) -> AbstractUnitOfWork:
        return self

    def __exit__(self, *args: Any) -> None:
        self.rollback()

    def commit(self) -> None:
        self._commit()

    def collect_new_events(self) -> Iterator[events.Event | commands.Command]:
        """Hand over the messages recorded by every bank this unit of work has loaded or added."""
        for bank in self.banks.seen:
            while bank.events:
                yield bank.events.pop(0)

    @abc.abstractmethod
    def _commit(self) -> None:
        raise NotImplementedError

    @abc.abstractmethod
    def rollback(self) -> None:
        raise NotImplementedError


class SqlAlchemyUnitOfWork(AbstractUnitOfWork):
    """Unit of work over one SQLAlchemy session per ``with`` block."""

    def __init__(self, session_factory: Callable[[], Session]) -> None:
        self.session_factory = session_factory

    def __enter__(self) -> AbstractUnitOfWork:
        self.session = self.session_factory()
        self.banks = repository.SqlAlchemyRepository(self.session)
        return super().__enter__()

    def __exit__(self, *args: Any) -> None:
        super().__exit__(*args)
        self.session.close()

    def _commit(self) -> None:
        self.session.commit()

    def rollback(self) -> None:
        self.session.rollback()
