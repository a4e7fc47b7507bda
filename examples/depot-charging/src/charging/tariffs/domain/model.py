"""The Tariff aggregate: a depot's time-of-use energy prices, drafted, then published from a date."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from decimal import Decimal
from enum import StrEnum

# NOTE: deliberate violation (domain-framework-free)
from sqlalchemy.orm import reconstructor

from charging.shared.model import AggregateRoot, new_id, utcnow
from charging.shared.money import Money
from charging.tariffs.domain.events import SessionPriced, TariffPublished
from charging.tariffs.domain.value_objects import EnergyKwh, PriceWindow, SessionCharge


class TariffStatus(StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"


class TariffError(Exception):
    """A change the tariff's state or its windows do not allow."""


class Tariff(AggregateRoot):
    """Aggregate root of a time-of-use tariff.

    Its windows tile the day without gaps or overlaps. A published tariff never changes: a newer
    published tariff supersedes it from its effective date.
    """

    def __init__(
        self,
        tariff_id: str,
        name: str,
        currency: str,
        windows: Iterable[PriceWindow],
        status: TariffStatus = TariffStatus.DRAFT,
        effective_from: datetime | None = None,
    ) -> None:
        super().__init__()
        self.id = tariff_id
        self.name = name
        self.currency = currency
        self.windows = sorted(windows, key=lambda window: window.start_hour)
        self.status = status
        self.effective_from = effective_from
        boundaries = [0] + [window.end_hour for window in self.windows]
        if [window.start_hour for window in self.windows] != boundaries[:-1] or boundaries[-1] != 24:
            raise TariffError("price windows must cover the whole day without gaps or overlaps")

    @reconstructor
    def _on_load(self) -> None:
        """The ORM skips __init__ when loading a tariff: start with no pending events."""
        AggregateRoot.__init__(self)

    @classmethod
    def draft(cls, name: str, currency: str, windows: Iterable[PriceWindow]) -> Tariff:
        return cls(new_id("trf"), name, currency, windows)

    def publish(self, effective_from: datetime) -> None:
        if self.status is TariffStatus.PUBLISHED:
            raise TariffError(f"tariff {self.id} is already published")
        self.status = TariffStatus.PUBLISHED
        self.effective_from = effective_from
        self.events.append(TariffPublished(self.id, self.name, effective_from, utcnow()))

    def window_at(self, hour: int) -> PriceWindow:
        return next(window for window in self.windows if window.covers(hour))

    def price_session(
        self, session_id: str, energy: EnergyKwh, started_at: datetime, stopped_at: datetime
    ) -> SessionCharge:
        """Spread the energy evenly over the session and price each slice at the window it fell in."""
        if self.status is not TariffStatus.PUBLISHED:
            raise TariffError("only a published tariff prices sessions")
        seconds = Decimal((stopped_at - started_at).total_seconds())
        total = Money.zero(self.currency)
        if seconds <= 0:
            total = Money(energy.value * self.window_at(stopped_at.hour).price_per_kwh, self.currency)
        cursor = started_at
        while seconds > 0 and cursor < stopped_at:
            window = self.window_at(cursor.hour)
            top_of_hour = cursor.replace(minute=0, second=0, microsecond=0)
            slice_end = min(top_of_hour + timedelta(hours=window.end_hour - cursor.hour), stopped_at)
            share = Decimal((slice_end - cursor).total_seconds()) / seconds
            total = total + Money(energy.value * share * window.price_per_kwh, self.currency)
            cursor = slice_end
        self.events.append(SessionPriced(session_id, self.id, total, utcnow()))
        return SessionCharge(session_id, self.id, energy, total)
