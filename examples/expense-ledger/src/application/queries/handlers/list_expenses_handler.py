"""Listing an employee's claims."""

from src.application.queries.expense_queries import ListEmployeeExpenses
from src.application.queries.read_models import ExpenseSummary
from src.core.errors import AppError
from src.core.result import Result, Success
from src.domain.protocols.expense_repository import ExpenseRepository


class ListEmployeeExpensesHandler:
    """Summaries of one employee's claims, optionally filtered by status."""

    def __init__(self, expenses: ExpenseRepository) -> None:
        self._expenses = expenses

    async def handle(self, query: ListEmployeeExpenses) -> Result[list[ExpenseSummary], AppError]:
        expenses = await self._expenses.list_for_employee(query.employee_id)
        return Success(
            value=[
                ExpenseSummary(
                    expense_id=expense.id,
                    category=expense.category.value,
                    description=expense.description,
                    incurred_on=expense.incurred_on,
                    amount=expense.amount.amount,
                    currency=expense.amount.currency,
                    status=expense.status.value,
                    reimbursable_amount=(
                        expense.reimbursable_amount.amount if expense.reimbursable_amount else None
                    ),
                )
                for expense in expenses
                if query.status is None or expense.status is query.status
            ]
        )
