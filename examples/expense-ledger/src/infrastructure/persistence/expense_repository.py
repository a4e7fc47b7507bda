"""PostgreSQL implementation of the ExpenseRepository protocol."""

from uuid import UUID

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from src.domain.entities.expense import Expense
from src.domain.enums import ExpenseCategory, ExpenseStatus
from src.domain.value_objects.bank_account import BankAccount
from src.domain.value_objects.money import Money
from src.infrastructure.persistence.models import ExpenseModel


class ExpenseRepository:
    """Maps Expense aggregates to rows of the `expenses` table (structurally typed, no base class)."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, expense_id: UUID) -> Expense | None:
        model = await self._session.get(ExpenseModel, expense_id)
        return self._to_entity(model) if model else None

    async def save(self, expense: Expense) -> None:
        converted = expense.reimbursable_amount
        await self._session.merge(
            ExpenseModel(
                id=expense.id,
                employee_id=expense.employee_id,
                claimant_email=str(expense.claimant_email),
                category=expense.category.value,
                description=expense.description,
                incurred_on=expense.incurred_on,
                amount=expense.amount.amount,
                currency=expense.amount.currency,
                account_holder=expense.payout_account.holder_name,
                iban=expense.payout_account.iban,
                status=expense.status.value,
                reimbursable_amount=converted.amount if converted else None,
                reimbursable_currency=converted.currency if converted else None,
                reviewer_id=expense.reviewer_id,
                rejection_reason=expense.rejection_reason,
            )
        )
        await self._session.flush()

    async def list_for_employee(self, employee_id: UUID) -> list[Expense]:
        rows = await self._session.scalars(
            select(ExpenseModel)
            .where(ExpenseModel.employee_id == employee_id)
            .order_by(ExpenseModel.incurred_on.desc())
        )
        return [self._to_entity(model) for model in rows]

    @staticmethod
    def _to_entity(model: ExpenseModel) -> Expense:
        converted = None
        if model.reimbursable_amount is not None and model.reimbursable_currency:
            converted = Money(model.reimbursable_amount, model.reimbursable_currency)
        return Expense(
            id=model.id,
            employee_id=model.employee_id,
            claimant_email=model.claimant_email,
            category=ExpenseCategory(model.category),
            description=model.description,
            incurred_on=model.incurred_on,
            amount=Money(model.amount, model.currency),
            payout_account=BankAccount(model.account_holder, model.iban),
            status=ExpenseStatus(model.status),
            reimbursable_amount=converted,
            reviewer_id=model.reviewer_id,
            rejection_reason=model.rejection_reason,
        )
