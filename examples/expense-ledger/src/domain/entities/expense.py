"""The Expense aggregate: one claim, from submission to reimbursement."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from uuid import UUID

# NOTE: deliberate violation (domain-framework-free)
from pydantic import EmailStr

from src.domain.enums import ExpenseCategory, ExpenseStatus
from src.domain.errors import InvalidAmountError, InvalidTransitionError
from src.domain.value_objects.bank_account import BankAccount
from src.domain.value_objects.money import Money

SINGLE_CLAIM_LIMIT = Decimal("10000.00")


@dataclass
class Expense:
    """An employee's claim for money spent on the company's behalf.

    The claimed amount stays in the currency it was spent in; `reimbursable_amount` holds the
    amount in the company's base currency once an exchange rate has been applied.
    """

    id: UUID
    employee_id: UUID
    claimant_email: EmailStr
    category: ExpenseCategory
    description: str
    incurred_on: date
    amount: Money
    payout_account: BankAccount
    status: ExpenseStatus = ExpenseStatus.DRAFT
    reimbursable_amount: Money | None = None
    reviewer_id: UUID | None = None
    rejection_reason: str | None = None

    def submit(self) -> None:
        if self.status is not ExpenseStatus.DRAFT:
            raise InvalidTransitionError(f"expense {self.id} was already submitted")
        if not self.amount.is_positive():
            raise InvalidAmountError("a claim must be for a positive amount")
        if self.amount.amount > SINGLE_CLAIM_LIMIT:
            raise InvalidAmountError(f"a single claim may not exceed {SINGLE_CLAIM_LIMIT}")
        if self.incurred_on > date.today():
            raise InvalidAmountError("an expense cannot be incurred in the future")
        self.status = ExpenseStatus.SUBMITTED

    def needs_conversion(self, base_currency: str) -> bool:
        return self.amount.currency != base_currency

    def record_conversion(self, converted: Money) -> None:
        if self.status is not ExpenseStatus.SUBMITTED:
            raise InvalidTransitionError("only a submitted claim can be converted")
        self.reimbursable_amount = converted

    def approve(self, reviewer_id: UUID) -> None:
        if self.status is not ExpenseStatus.SUBMITTED:
            raise InvalidTransitionError(f"cannot approve a claim that is {self.status}")
        if self.reimbursable_amount is None:
            raise InvalidTransitionError("the claim has not been converted to the base currency yet")
        if reviewer_id == self.employee_id:
            raise InvalidTransitionError("employees cannot approve their own claims")
        self.reviewer_id = reviewer_id
        self.status = ExpenseStatus.APPROVED

    def reject(self, reviewer_id: UUID, reason: str) -> None:
        if self.status is not ExpenseStatus.SUBMITTED:
            raise InvalidTransitionError(f"cannot reject a claim that is {self.status}")
        self.reviewer_id = reviewer_id
        self.rejection_reason = reason
        self.status = ExpenseStatus.REJECTED

    def mark_reimbursed(self) -> None:
        if self.status is not ExpenseStatus.APPROVED:
            raise InvalidTransitionError("only an approved claim can be reimbursed")
        self.status = ExpenseStatus.REIMBURSED
