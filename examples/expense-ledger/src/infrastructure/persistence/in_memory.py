"""In-memory repositories for unit tests and local runs without PostgreSQL."""

from copy import deepcopy
from uuid import UUID

from src.domain.entities.expense import Expense
from src.domain.entities.reimbursement import Reimbursement


class InMemoryExpenseRepository:
    """Dictionary-backed stand-in for the ExpenseRepository protocol."""

    def __init__(self) -> None:
        self._rows: dict[UUID, Expense] = {}

    async def get(self, expense_id: UUID) -> Expense | None:
        found = self._rows.get(expense_id)
        return deepcopy(found) if found else None

    async def save(self, expense: Expense) -> None:
        self._rows[expense.id] = deepcopy(expense)

    async def list_for_employee(self, employee_id: UUID) -> list[Expense]:
        mine = [deepcopy(e) for e in self._rows.values() if e.employee_id == employee_id]
        return sorted(mine, key=lambda expense: expense.incurred_on, reverse=True)


class InMemoryReimbursementRepository:
    """Dictionary-backed stand-in for the ReimbursementRepository protocol."""

    def __init__(self) -> None:
        self._rows: dict[UUID, Reimbursement] = {}

    async def save(self, reimbursement: Reimbursement) -> None:
        self._rows[reimbursement.id] = deepcopy(reimbursement)

    async def find_by_expense(self, expense_id: UUID) -> Reimbursement | None:
        found = next((r for r in self._rows.values() if r.expense_id == expense_id), None)
        return deepcopy(found) if found else None
