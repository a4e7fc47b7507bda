"""Commands on expense claims."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from uuid import UUID

from src.domain.enums import ExpenseCategory


@dataclass(frozen=True, kw_only=True)
class SubmitExpense:
    employee_id: UUID
    claimant_email: str
    category: ExpenseCategory
    description: str
    incurred_on: date
    amount: Decimal
    currency: str
    account_holder: str
    iban: str


@dataclass(frozen=True, kw_only=True)
class ReviewExpense:
    expense_id: UUID
    reviewer_id: UUID
    approved: bool
    reason: str = ""


@dataclass(frozen=True, kw_only=True)
class ConvertExpenseCurrency:
    expense_id: UUID
