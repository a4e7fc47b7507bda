"""Port for storing and loading Reimbursement aggregates."""

from typing import Protocol
from uuid import UUID

from src.domain.entities.reimbursement import Reimbursement


class ReimbursementRepository(Protocol):
    """Persistence of payouts."""

    async def save(self, reimbursement: Reimbursement) -> None:
        ...

    async def find_by_expense(self, expense_id: UUID) -> Reimbursement | None:
        """The payout of a claim, if one was ever attempted."""
        ...
