"""Domain enumerations."""

from enum import StrEnum


class ExpenseCategory(StrEnum):
    TRAVEL = "travel"
    LODGING = "lodging"
    MEALS = "meals"
    EQUIPMENT = "equipment"
    TRAINING = "training"
    OTHER = "other"


class ExpenseStatus(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    APPROVED = "approved"
    REJECTED = "rejected"
    REIMBURSED = "reimbursed"


class ReimbursementStatus(StrEnum):
    PENDING = "pending"
    PAID = "paid"
    FAILED = "failed"
