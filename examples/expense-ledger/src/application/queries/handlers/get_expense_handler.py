"""Looking up one claim."""

from src.application.queries.expense_queries import GetExpense
from src.core.errors import AppError
from src.core.result import Failure, Result, Success
from src.domain.entities.expense import Expense
from src.domain.protocols.expense_repository import ExpenseRepository


class GetExpenseHandler:
    """Loads a claim for the detail page."""

    def __init__(self, expenses: ExpenseRepository) -> None:
        self._expenses = expenses

    # NOTE: deliberate violation (queries-return-read-models)
    async def handle(self, query: GetExpense) -> Result[Expense, AppError]:
        expense = await self._expenses.get(query.expense_id)
        if expense is None:
            return Failure(error=AppError.not_found("expense", query.expense_id))
        return Success(value=expense)
