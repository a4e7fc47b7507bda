"""The FX vendor's REST API behind the FxRateProvider protocol."""

from datetime import date
from decimal import Decimal

import httpx

from src.core.errors import AppError, ErrorCode
from src.core.result import Failure, Result, Success
from src.domain.value_objects.exchange_rate import ExchangeRate


class FxRateProvider:
    """Reads end-of-day reference rates; errors come back as Failure, never as exceptions."""

    def __init__(self, client: httpx.AsyncClient, base_url: str, api_key: str) -> None:
        self._client = client
        self._base_url = base_url
        self._api_key = api_key

    async def fetch_rate(self, base: str, quote: str, on: date) -> Result[ExchangeRate, AppError]:
        try:
            response = await self._client.get(
                f"{self._base_url}/historical/{on.isoformat()}",
                params={"base": base, "symbols": quote},
                headers={"Authorization": f"Bearer {self._api_key}"},
            )
            response.raise_for_status()
            quoted = response.json()["rates"][quote]
        except (httpx.HTTPError, KeyError) as error:
            return Failure(
                error=AppError(code=ErrorCode.PROVIDER_UNAVAILABLE, message=f"no {base}/{quote} rate: {error}")
            )
        return Success(value=ExchangeRate(base=base, quote=quote, rate=Decimal(str(quoted)), as_of=on, source="fx-api"))
