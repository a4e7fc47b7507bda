"""Port for the bank payout provider."""

from typing import Protocol

from src.core.errors import AppError
from src.core.result import Result
from src.domain.entities.reimbursement import Reimbursement


class PayoutProvider(Protocol):
    """Sends money to an employee's bank account."""

    async def send_payout(self, reimbursement: Reimbursement) -> Result[str, AppError]:
        """Success carries the provider's payout reference."""
        ...
