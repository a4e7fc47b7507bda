"""Read models: flat, immutable shapes returned by query handlers."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from uuid import UUID


@dataclass(frozen=True, kw_only=True)
class ExpenseSummary:
    """One line of an employee's expense list."""

    expense_id: UUID
    category: str
    description: str
    incurred_on: date
    amount: Decimal
    currency: str
    status: str
    reimbursable_amount: Decimal | None
