"""Paying an approved claim back to the employee."""

from uuid import UUID, uuid4

from src.application.commands.reimbursement_commands import ReimburseExpense
from src.core.errors import AppError, ErrorCode
from src.core.result import Failure, Result, Success
from src.domain.entities.reimbursement import Reimbursement
from src.domain.enums import ExpenseStatus
from src.domain.errors import DomainError
from src.domain.events.reimbursement_events import (
    ReimbursementAttempted,
    ReimbursementFailed,
    ReimbursementSucceeded,
)
from src.domain.protocols.event_bus import EventBus
from src.domain.protocols.expense_repository import ExpenseRepository
from src.domain.protocols.payout_provider import PayoutProvider
from src.domain.protocols.reimbursement_repository import ReimbursementRepository


class ReimburseExpenseHandler:
    """Sends the payout; a failed payout can be retried until the attempt limit is reached."""

    def __init__(
        self,
        expenses: ExpenseRepository,
        reimbursements: ReimbursementRepository,
        payouts: PayoutProvider,
        event_bus: EventBus,
    ) -> None:
        self._expenses = expenses
        self._reimbursements = reimbursements
        self._payouts = payouts
        self._event_bus = event_bus

    async def handle(self, command: ReimburseExpense) -> Result[UUID, AppError]:
        expense = await self._expenses.get(command.expense_id)
        if expense is None:
            return Failure(error=AppError.not_found("expense", command.expense_id))
        if expense.status is not ExpenseStatus.APPROVED or expense.reimbursable_amount is None:
            return Failure(error=AppError(code=ErrorCode.CONFLICT, message=f"expense is {expense.status}"))

        reimbursement = await self._reimbursements.find_by_expense(expense.id) or Reimbursement(
            id=uuid4(),
            expense_id=expense.id,
            employee_id=expense.employee_id,
            amount=expense.reimbursable_amount,
            destination=expense.payout_account,
        )
        try:
            reimbursement.start_attempt()
        except DomainError as error:
            return Failure(error=AppError(code=ErrorCode.CONFLICT, message=str(error)))
        await self._reimbursements.save(reimbursement)
        await self._event_bus.publish(
            ReimbursementAttempted(
                reimbursement_id=reimbursement.id, expense_id=expense.id, attempt=reimbursement.attempts
            )
        )

        payout = await self._payouts.send_payout(reimbursement)
        if isinstance(payout, Failure):
            reimbursement.mark_failed(payout.error.message)
            await self._reimbursements.save(reimbursement)
            await self._event_bus.publish(
                ReimbursementFailed(
                    reimbursement_id=reimbursement.id, expense_id=expense.id, reason=payout.error.message
                )
            )
            return Failure(error=AppError(code=ErrorCode.PAYOUT_REJECTED, message=payout.error.message))

        reimbursement.mark_paid(payout.value)
        expense.mark_reimbursed()
        await self._reimbursements.save(reimbursement)
        await self._expenses.save(expense)
        await self._event_bus.publish(
            ReimbursementSucceeded(
                reimbursement_id=reimbursement.id, expense_id=expense.id, payout_reference=payout.value
            )
        )
        return Success(value=reimbursement.id)
