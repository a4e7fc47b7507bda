"""Port for storing and loading Expense aggregates."""

from typing import Protocol
from uuid import UUID

from src.domain.entities.expense import Expense


class ExpenseRepository(Protocol):
    """Persistence of expense claims."""

    async def get(self, expense_id: UUID) -> Expense | None:
        """The claim with this id, or None."""
        ...

    async def save(self, expense: Expense) -> None:
        """Insert or update a claim."""
        ...

    async def list_for_employee(self, employee_id: UUID) -> list[Expense]:
        """Every claim of one employee, newest first."""
        ...
