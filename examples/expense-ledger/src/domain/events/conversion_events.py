"""Events of converting a claim into the company's base currency."""

from dataclasses import dataclass
from decimal import Decimal
from uuid import UUID

from src.domain.events.base import DomainEvent


@dataclass(frozen=True, kw_only=True)
class CurrencyConversionAttempted(DomainEvent):
    expense_id: UUID
    from_currency: str
    to_currency: str


@dataclass(frozen=True, kw_only=True)
class CurrencyConversionSucceeded(DomainEvent):
    expense_id: UUID
    rate: Decimal
    converted_amount: Decimal
    currency: str


@dataclass(frozen=True, kw_only=True)
class CurrencyConversionFailed(DomainEvent):
    expense_id: UUID
    reason: str
