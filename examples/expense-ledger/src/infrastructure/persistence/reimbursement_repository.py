"""PostgreSQL implementation of the ReimbursementRepository protocol."""

from uuid import UUID

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from src.domain.entities.reimbursement import Reimbursement
from src.domain.enums import ReimbursementStatus
from src.domain.value_objects.bank_account import BankAccount
from src.domain.value_objects.money import Money
from src.infrastructure.persistence.models import ReimbursementModel


class ReimbursementRepository:
    """Maps Reimbursement aggregates to rows of the `reimbursements` table."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def save(self, reimbursement: Reimbursement) -> None:
        await self._session.merge(
            ReimbursementModel(
                id=reimbursement.id,
                expense_id=reimbursement.expense_id,
                employee_id=reimbursement.employee_id,
                amount=reimbursement.amount.amount,
                currency=reimbursement.amount.currency,
                account_holder=reimbursement.destination.holder_name,
                iban=reimbursement.destination.iban,
                status=reimbursement.status.value,
                payout_reference=reimbursement.payout_reference,
                failure_reason=reimbursement.failure_reason,
                attempts=reimbursement.attempts,
            )
        )
        await self._session.flush()

    async def find_by_expense(self, expense_id: UUID) -> Reimbursement | None:
        model = await self._session.scalar(
            select(ReimbursementModel).where(ReimbursementModel.expense_id == expense_id)
        )
        return self._to_entity(model) if model else None

    @staticmethod
    def _to_entity(model: ReimbursementModel) -> Reimbursement:
        return Reimbursement(
            id=model.id,
            expense_id=model.expense_id,
            employee_id=model.employee_id,
            amount=Money(model.amount, model.currency),
            destination=BankAccount(model.account_holder, model.iban),
            status=ReimbursementStatus(model.status),
            payout_reference=model.payout_reference,
            failure_reason=model.failure_reason,
            attempts=model.attempts,
        )
