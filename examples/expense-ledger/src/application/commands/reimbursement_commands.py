"""Commands on payouts."""

from dataclasses import dataclass
from uuid import UUID


@dataclass(frozen=True, kw_only=True)
class ReimburseExpense:
    expense_id: UUID
