"""Query handlers of the tariffs context."""

from charging.tariffs.ports.read_side import SessionChargeView, TariffReadPort
from charging.tariffs.service.queries.definitions import GetSessionCharge


class GetSessionChargeHandler:
    def __init__(self, reads: TariffReadPort) -> None:
        self._reads = reads

    def __call__(self, query: GetSessionCharge) -> SessionChargeView | None:
        return self._reads.charge_for(query.session_id)
