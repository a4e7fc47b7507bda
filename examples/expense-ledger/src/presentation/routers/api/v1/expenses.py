"""/expenses: submitting, reviewing, converting and reading claims."""

from uuid import UUID

from fastapi import APIRouter, Depends, status

from src.application.commands.expense_commands import ConvertExpenseCurrency, ReviewExpense, SubmitExpense
from src.application.commands.handlers.convert_currency_handler import ConvertExpenseCurrencyHandler
from src.application.commands.handlers.review_expense_handler import ReviewExpenseHandler
from src.application.commands.handlers.submit_expense_handler import SubmitExpenseHandler
from src.application.queries.expense_queries import GetExpense, ListEmployeeExpenses
from src.application.queries.handlers.get_expense_handler import GetExpenseHandler
from src.application.queries.handlers.list_expenses_handler import ListEmployeeExpensesHandler
from src.application.queries.read_models import ExpenseSummary
from src.core.container import (
    get_convert_expense_handler,
    get_expense_handler,
    get_list_expenses_handler,
    get_review_expense_handler,
    get_submit_expense_handler,
)
from src.core.result import Failure
from src.domain.entities.expense import Expense
from src.domain.enums import ExpenseStatus
from src.presentation.schemas import ReviewRequest, SubmitExpenseRequest, http_error

router = APIRouter(tags=["expenses"])


@router.post("/expenses", status_code=status.HTTP_201_CREATED)
async def submit_expense(
    body: SubmitExpenseRequest, handler: SubmitExpenseHandler = Depends(get_submit_expense_handler)
) -> dict[str, UUID]:
    result = await handler.handle(SubmitExpense(**body.model_dump()))
    if isinstance(result, Failure):
        raise http_error(result.error)
    return {"expense_id": result.value}


@router.post("/expenses/{expense_id}/review", status_code=status.HTTP_204_NO_CONTENT)
async def review_expense(
    expense_id: UUID, body: ReviewRequest, handler: ReviewExpenseHandler = Depends(get_review_expense_handler)
) -> None:
    result = await handler.handle(
        ReviewExpense(expense_id=expense_id, reviewer_id=body.reviewer_id, approved=body.approved, reason=body.reason)
    )
    if isinstance(result, Failure):
        raise http_error(result.error)


@router.post("/expenses/{expense_id}/conversion")
async def convert_expense(
    expense_id: UUID, handler: ConvertExpenseCurrencyHandler = Depends(get_convert_expense_handler)
) -> dict[str, str]:
    """Retry a conversion that failed at submission (the FX provider was down, say)."""
    result = await handler.handle(ConvertExpenseCurrency(expense_id=expense_id))
    if isinstance(result, Failure):
        raise http_error(result.error)
    return {"amount": str(result.value.amount), "currency": result.value.currency}


@router.get("/expenses/{expense_id}")
async def get_expense(expense_id: UUID, handler: GetExpenseHandler = Depends(get_expense_handler)) -> Expense:
    result = await handler.handle(GetExpense(expense_id=expense_id))
    if isinstance(result, Failure):
        raise http_error(result.error)
    return result.value


@router.get("/employees/{employee_id}/expenses")
async def list_employee_expenses(
    employee_id: UUID,
    status_filter: ExpenseStatus | None = None,
    handler: ListEmployeeExpensesHandler = Depends(get_list_expenses_handler),
) -> list[ExpenseSummary]:
    result = await handler.handle(ListEmployeeExpenses(employee_id=employee_id, status=status_filter))
    if isinstance(result, Failure):
        raise http_error(result.error)
    return result.value
