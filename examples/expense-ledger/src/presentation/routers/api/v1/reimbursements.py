"""/expenses/{id}/reimbursement: paying approved claims back."""

from uuid import UUID

from fastapi import APIRouter, Depends, status

from src.application.commands.handlers.reimburse_expense_handler import ReimburseExpenseHandler
from src.application.commands.reimbursement_commands import ReimburseExpense
from src.core.container import get_reimburse_expense_handler
from src.core.result import Failure
from src.presentation.schemas import http_error

router = APIRouter(tags=["reimbursements"])


@router.post("/expenses/{expense_id}/reimbursement", status_code=status.HTTP_202_ACCEPTED)
async def reimburse_expense(
    expense_id: UUID, handler: ReimburseExpenseHandler = Depends(get_reimburse_expense_handler)
) -> dict[str, UUID]:
    """Pay an approved claim; calling it again after a failed payout retries it."""
    result = await handler.handle(ReimburseExpense(expense_id=expense_id))
    if isinstance(result, Failure):
        raise http_error(result.error)
    return {"reimbursement_id": result.value}
