"""BankAccount: where a reimbursement is paid to."""

from dataclasses import dataclass

from src.domain.errors import InvalidBankAccountError


@dataclass(frozen=True)
class BankAccount:
    """An IBAN and the name of its holder."""

    holder_name: str
    iban: str

    def __post_init__(self) -> None:
        if not 15 <= len(self.iban) <= 34 or not self.iban[:2].isalpha():
            raise InvalidBankAccountError(f"{self.masked()} is not a valid IBAN")

    def masked(self) -> str:
        return f"{self.iban[:4]}…{self.iban[-4:]}"
