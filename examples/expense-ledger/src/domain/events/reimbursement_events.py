"""Events of paying a claim back through the payout provider."""

from dataclasses import dataclass
from uuid import UUID

from src.domain.events.base import DomainEvent


@dataclass(frozen=True, kw_only=True)
class ReimbursementAttempted(DomainEvent):
    reimbursement_id: UUID
    expense_id: UUID
    attempt: int


@dataclass(frozen=True, kw_only=True)
class ReimbursementSucceeded(DomainEvent):
    reimbursement_id: UUID
    expense_id: UUID
    payout_reference: str


@dataclass(frozen=True, kw_only=True)
class ReimbursementFailed(DomainEvent):
    reimbursement_id: UUID
    expense_id: UUID
    reason: str
