"""Submitting a new expense claim."""

from uuid import UUID, uuid4

from src.application.commands.expense_commands import SubmitExpense
from src.core.errors import AppError, ErrorCode
from src.core.result import Failure, Result, Success
from src.domain.entities.expense import Expense
from src.domain.errors import DomainError
from src.domain.events.expense_events import (
    ExpenseSubmissionAttempted,
    ExpenseSubmissionFailed,
    ExpenseSubmissionSucceeded,
)
from src.domain.protocols.event_bus import EventBus
from src.domain.protocols.expense_repository import ExpenseRepository
from src.domain.value_objects.bank_account import BankAccount
from src.domain.value_objects.money import Money


class SubmitExpenseHandler:
    """Creates the claim, checks the claim policy and records it as submitted."""

    def __init__(self, expenses: ExpenseRepository, event_bus: EventBus) -> None:
        self._expenses = expenses
        self._event_bus = event_bus

    async def handle(self, command: SubmitExpense) -> Result[UUID, AppError]:
        expense_id = uuid4()
        await self._event_bus.publish(
            ExpenseSubmissionAttempted(expense_id=expense_id, employee_id=command.employee_id)
        )
        try:
            expense = Expense(
                id=expense_id,
                employee_id=command.employee_id,
                claimant_email=command.claimant_email,
                category=command.category,
                description=command.description,
                incurred_on=command.incurred_on,
                amount=Money(command.amount, command.currency),
                payout_account=BankAccount(command.account_holder, command.iban),
            )
            expense.submit()
        except DomainError as error:
            await self._event_bus.publish(ExpenseSubmissionFailed(expense_id=expense_id, reason=str(error)))
            return Failure(error=AppError(code=ErrorCode.VALIDATION, message=str(error)))
        await self._expenses.save(expense)
        await self._event_bus.publish(
            ExpenseSubmissionSucceeded(
                expense_id=expense_id,
                employee_id=expense.employee_id,
                amount=expense.amount.amount,
                currency=expense.amount.currency,
            )
        )
        return Success(value=expense_id)
