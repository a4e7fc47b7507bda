"""Writing every domain event to the finance audit log."""

import logging
from dataclasses import asdict

from src.domain.events.base import DomainEvent

audit_log = logging.getLogger("expense_ledger.audit")


class AuditTrailHandler:
    """Auditors must be able to replay who did what to every claim and payout."""

    async def handle(self, event: DomainEvent) -> None:
        audit_log.info("%s %s", type(event).__name__, asdict(event))
