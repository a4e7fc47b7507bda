"""Unit of work port of the tariffs context."""

from abc import ABC, abstractmethod
from typing import Self

from charging.shared.outbox import Outbox
from charging.tariffs.ports.repository import ChargeLedger, TariffRepository


class TariffUnitOfWork(ABC):
    """One transaction over tariffs, the charge ledger and the outbox."""

    tariffs: TariffRepository
    charges: ChargeLedger
    outbox: Outbox

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.rollback()

    def commit(self) -> None:
        for tariff in self.tariffs.seen:
            for event in tariff.pull_events():
                self.outbox.add(event)
        self._commit()

    @abstractmethod
    def _commit(self) -> None: ...

    @abstractmethod
    def rollback(self) -> None: ...
