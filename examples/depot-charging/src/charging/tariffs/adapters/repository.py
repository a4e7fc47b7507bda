"""SQLAlchemy implementations of the tariffs ports: repository, charge ledger and read side."""

from datetime import datetime

from sqlalchemy import insert, select
from sqlalchemy.orm import Session, sessionmaker

from charging.tariffs.adapters.orm import session_charges, tariffs_table
from charging.tariffs.domain.model import Tariff, TariffStatus
from charging.tariffs.domain.value_objects import SessionCharge
from charging.tariffs.ports.read_side import SessionChargeView, TariffReadPort
from charging.tariffs.ports.repository import ChargeLedger, TariffRepository


class SqlTariffRepository(TariffRepository):
    def __init__(self, session: Session) -> None:
        self._session = session
        self.seen: set[Tariff] = set()

    def add(self, tariff: Tariff) -> None:
        self._session.add(tariff)
        self.seen.add(tariff)

    def get(self, tariff_id: str) -> Tariff | None:
        return self._track(self._session.get(Tariff, tariff_id))

    def in_force_at(self, moment: datetime) -> Tariff | None:
        query = (
            select(Tariff)
            .where(tariffs_table.c.status == TariffStatus.PUBLISHED, tariffs_table.c.effective_from <= moment)
            .order_by(tariffs_table.c.effective_from.desc())
        )
        return self._track(self._session.scalars(query.limit(1)).first())

    def _track(self, tariff: Tariff | None) -> Tariff | None:
        if tariff is not None:
            self.seen.add(tariff)
        return tariff


class SqlChargeLedger(ChargeLedger):
    def __init__(self, session: Session) -> None:
        self._session = session

    def record(self, charge: SessionCharge) -> None:
        row = {
            "session_id": charge.session_id,
            "tariff_id": charge.tariff_id,
            "energy_kwh": charge.energy.value,
            "amount": charge.amount.amount,
            "currency": charge.amount.currency,
        }
        self._session.execute(insert(session_charges).values(**row))

    def exists(self, session_id: str) -> bool:
        query = select(session_charges.c.session_id).where(session_charges.c.session_id == session_id)
        return self._session.execute(query).first() is not None


class SqlTariffReads(TariffReadPort):
    def __init__(self, session_factory: sessionmaker[Session]) -> None:
        self._session_factory = session_factory

    def charge_for(self, session_id: str) -> SessionChargeView | None:
        with self._session_factory() as db:
            row = db.execute(select(session_charges).where(session_charges.c.session_id == session_id)).first()
        if row is None:
            return None
        return SessionChargeView(row.session_id, row.tariff_id, row.energy_kwh, row.amount, row.currency)
