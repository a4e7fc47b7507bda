"""The Reimbursement aggregate: paying an approved claim back to the employee."""

from dataclasses import dataclass
from uuid import UUID

from src.domain.enums import ReimbursementStatus
from src.domain.errors import InvalidTransitionError
from src.domain.value_objects.bank_account import BankAccount
from src.domain.value_objects.money import Money

MAX_ATTEMPTS = 3


@dataclass
class Reimbursement:
    """A payout of one approved expense (held by id) to the claimant's bank account."""

    id: UUID
    expense_id: UUID
    employee_id: UUID
    amount: Money
    destination: BankAccount
    status: ReimbursementStatus = ReimbursementStatus.PENDING
    payout_reference: str | None = None
    failure_reason: str | None = None
    attempts: int = 0

    def start_attempt(self) -> None:
        if self.status is ReimbursementStatus.PAID:
            raise InvalidTransitionError(f"reimbursement {self.id} has already been paid")
        if self.attempts >= MAX_ATTEMPTS:
            raise InvalidTransitionError(f"reimbursement {self.id} failed {self.attempts} times; escalate")
        self.attempts += 1
        self.status = ReimbursementStatus.PENDING
        self.failure_reason = None

    def mark_paid(self, payout_reference: str) -> None:
        self.status = ReimbursementStatus.PAID
        self.payout_reference = payout_reference

    def mark_failed(self, reason: str) -> None:
        self.status = ReimbursementStatus.FAILED
        self.failure_reason = reason
