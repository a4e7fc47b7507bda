"""Money: an amount in one currency."""

from dataclasses import dataclass
from decimal import Decimal

from src.domain.errors import CurrencyMismatchError, InvalidAmountError

CENT = Decimal("0.01")


@dataclass(frozen=True)
class Money:
    """An amount of money; two amounts are equal when amount and currency are."""

    amount: Decimal
    currency: str

    def __post_init__(self) -> None:
        if len(self.currency) != 3 or not self.currency.isupper():
            raise InvalidAmountError(f"{self.currency!r} is not an ISO 4217 currency code")
        if self.amount != self.amount.quantize(CENT):
            raise InvalidAmountError(f"{self.amount} has more than two decimals")

    def is_positive(self) -> bool:
        return self.amount > 0

    def add(self, other: "Money") -> "Money":
        if other.currency != self.currency:
            raise CurrencyMismatchError(f"cannot add {other.currency} to {self.currency}")
        return Money(self.amount + other.amount, self.currency)
