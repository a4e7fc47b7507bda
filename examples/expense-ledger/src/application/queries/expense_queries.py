"""Queries about expense claims."""

from dataclasses import dataclass
from uuid import UUID

from src.domain.enums import ExpenseStatus


@dataclass(frozen=True, kw_only=True)
class GetExpense:
    expense_id: UUID


@dataclass(frozen=True, kw_only=True)
class ListEmployeeExpenses:
    employee_id: UUID
    status: ExpenseStatus | None = None
