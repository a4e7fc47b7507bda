"""In-memory stand-ins for the repository, the unit of work and notifications."""

from __future__ import annotations

from collections import defaultdict

from lockers.adapters.notifications import AbstractNotifications
from lockers.adapters.repository import AbstractRepository
from lockers.domain import model
from lockers.service_layer.unit_of_work import AbstractUnitOfWork


class FakeRepository(AbstractRepository):
    def __init__(self, banks: list[model.LockerBank] | None = None) -> None:
        super().__init__()
        self._banks = {bank.reference: bank for bank in banks or []}

    def _add(self, bank: model.LockerBank) -> None:
        self._banks[bank.reference] = bank

    def _get(self, reference: str) -> model.LockerBank | None:
        return self._banks.get(reference)


class FakeUnitOfWork(AbstractUnitOfWork):
    def __init__(self) -> None:
        self.banks = FakeRepository()
        self.committed = False

    def _commit(self) -> None:
        self.committed = True

    def rollback(self) -> None:
        pass


class FakeNotifications(AbstractNotifications):
    def __init__(self) -> None:
        self.sent: dict[str, list[str]] = defaultdict(list)

    def send(self, destination: str, subject: str, body: str) -> None:
        self.sent[destination].append(f"{subject}: {body}")
