"""Events of an expense claim's life: submission and review."""

from dataclasses import dataclass
from decimal import Decimal
from uuid import UUID

from src.domain.events.base import DomainEvent


@dataclass(frozen=True, kw_only=True)
class ExpenseSubmissionAttempted(DomainEvent):
    expense_id: UUID
    employee_id: UUID


@dataclass(frozen=True, kw_only=True)
class ExpenseSubmissionSucceeded(DomainEvent):
    expense_id: UUID
    employee_id: UUID
    amount: Decimal
    currency: str


@dataclass(frozen=True, kw_only=True)
class ExpenseSubmissionFailed(DomainEvent):
    expense_id: UUID
    reason: str


@dataclass(frozen=True, kw_only=True)
class ExpenseApproved(DomainEvent):
    expense_id: UUID
    reviewer_id: UUID


@dataclass(frozen=True, kw_only=True)
class ExpenseRejected(DomainEvent):
    expense_id: UUID
    reviewer_id: UUID
    reason: str
