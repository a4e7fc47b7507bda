"""The payout bank's API behind the PayoutProvider protocol."""

import httpx

from src.core.errors import AppError, ErrorCode
from src.core.result import Failure, Result, Success
from src.domain.entities.reimbursement import Reimbursement


class PayoutProvider:
    """Creates SEPA credit transfers; the reimbursement id doubles as the idempotency key."""

    def __init__(self, client: httpx.AsyncClient, base_url: str, api_key: str) -> None:
        self._client = client
        self._base_url = base_url
        self._api_key = api_key

    async def send_payout(self, reimbursement: Reimbursement) -> Result[str, AppError]:
        try:
            response = await self._client.post(
                f"{self._base_url}/transfers",
                json={
                    "amount": str(reimbursement.amount.amount),
                    "currency": reimbursement.amount.currency,
                    "creditor_name": reimbursement.destination.holder_name,
                    "creditor_iban": reimbursement.destination.iban,
                    "remittance": f"Expense {reimbursement.expense_id}",
                },
                headers={"Authorization": f"Bearer {self._api_key}", "Idempotency-Key": str(reimbursement.id)},
            )
        except httpx.HTTPError as error:
            return Failure(error=AppError(code=ErrorCode.PROVIDER_UNAVAILABLE, message=str(error)))
        if response.status_code >= 400:
            reason = response.json().get("reason", response.text)
            return Failure(error=AppError(code=ErrorCode.PAYOUT_REJECTED, message=reason))
        return Success(value=response.json()["transfer_id"])
