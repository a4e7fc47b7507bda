"""A reviewer approving or rejecting a submitted claim."""

from src.application.commands.expense_commands import ReviewExpense
from src.core.errors import AppError, ErrorCode
from src.core.result import Failure, Result, Success
from src.domain.errors import DomainError
from src.domain.events.expense_events import ExpenseApproved, ExpenseRejected
from src.domain.protocols.event_bus import EventBus
from src.domain.protocols.expense_repository import ExpenseRepository


class ReviewExpenseHandler:
    """Approves a converted claim so finance can pay it, or rejects it with a reason for the employee."""

    def __init__(self, expenses: ExpenseRepository, event_bus: EventBus) -> None:
        self._expenses = expenses
        self._event_bus = event_bus

    async def handle(self, command: ReviewExpense) -> Result[None, AppError]:
        if not command.approved and not command.reason.strip():
            return Failure(error=AppError(code=ErrorCode.VALIDATION, message="a rejection needs a reason"))
        expense = await self._expenses.get(command.expense_id)
        if expense is None:
            return Failure(error=AppError.not_found("expense", command.expense_id))
        try:
            if command.approved:
                expense.approve(command.reviewer_id)
            else:
                expense.reject(command.reviewer_id, command.reason)
        except DomainError as error:
            return Failure(error=AppError(code=ErrorCode.CONFLICT, message=str(error)))
        await self._expenses.save(expense)
        if command.approved:
            await self._event_bus.publish(ExpenseApproved(expense_id=expense.id, reviewer_id=command.reviewer_id))
        else:
            await self._event_bus.publish(
                ExpenseRejected(expense_id=expense.id, reviewer_id=command.reviewer_id, reason=command.reason)
            )
        return Success(value=None)
