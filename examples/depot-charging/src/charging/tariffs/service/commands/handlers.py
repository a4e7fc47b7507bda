"""Command handlers of the tariffs context."""

from collections.abc import Callable

from charging.tariffs.domain.commands import DraftTariff, PublishTariff
from charging.tariffs.domain.model import Tariff
from charging.tariffs.domain.value_objects import PriceWindow
from charging.tariffs.ports.unit_of_work import TariffUnitOfWork


class TariffNotFound(LookupError):
    """No tariff has the requested id."""


class DraftTariffHandler:
    def __init__(self, uow: Callable[[], TariffUnitOfWork]) -> None:
        self._uow = uow

    def __call__(self, command: DraftTariff) -> str:
        windows = [PriceWindow(start, end, price) for start, end, price in command.windows]
        with self._uow() as uow:
            tariff = Tariff.draft(command.name, command.currency, windows)
            uow.tariffs.add(tariff)
            uow.commit()
        return tariff.id


class PublishTariffHandler:
    def __init__(self, uow: Callable[[], TariffUnitOfWork]) -> None:
        self._uow = uow

    def __call__(self, command: PublishTariff) -> None:
        with self._uow() as uow:
            tariff = uow.tariffs.get(command.tariff_id)
            if tariff is None:
                raise TariffNotFound(command.tariff_id)
            tariff.publish(command.effective_from)
            uow.commit()
