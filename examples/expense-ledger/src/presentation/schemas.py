"""Request and response bodies of the HTTP API (pydantic lives here, not in the domain)."""

from datetime import date
from decimal import Decimal
from uuid import UUID

from fastapi import HTTPException
from pydantic import BaseModel, EmailStr, Field

from src.core.errors import AppError, ErrorCode
from src.domain.enums import ExpenseCategory

STATUS_BY_CODE = {
    ErrorCode.NOT_FOUND: 404,
    ErrorCode.VALIDATION: 422,
    ErrorCode.CONFLICT: 409,
    ErrorCode.PROVIDER_UNAVAILABLE: 503,
    ErrorCode.PAYOUT_REJECTED: 502,
}


def http_error(error: AppError) -> HTTPException:
    return HTTPException(status_code=STATUS_BY_CODE[error.code], detail={"code": error.code, "message": error.message})


class SubmitExpenseRequest(BaseModel):
    employee_id: UUID
    claimant_email: EmailStr
    category: ExpenseCategory
    description: str = Field(min_length=3, max_length=500)
    incurred_on: date
    amount: Decimal = Field(gt=0, decimal_places=2)
    currency: str = Field(pattern="^[A-Z]{3}$")
    account_holder: str
    iban: str


class ReviewRequest(BaseModel):
    reviewer_id: UUID
    approved: bool
    reason: str = Field(default="", max_length=500)
