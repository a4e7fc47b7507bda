"""Converting a claim into the company's base currency through the FX provider."""

from src.application.commands.expense_commands import ConvertExpenseCurrency
from src.core.errors import AppError, ErrorCode
from src.core.result import Failure, Result, Success
from src.domain.errors import DomainError
from src.domain.events.conversion_events import (
    CurrencyConversionAttempted,
    CurrencyConversionFailed,
    CurrencyConversionSucceeded,
)
from src.domain.protocols.event_bus import EventBus
from src.domain.protocols.expense_repository import ExpenseRepository
from src.domain.protocols.fx_rate_provider import FxRateProvider
from src.domain.value_objects.money import Money

# NOTE: deliberate violation (layer-dependency)
from src.infrastructure.cache.fx_rate_cache import FxRateCache as RedisFxRateCache


class ConvertExpenseCurrencyHandler:
    """Applies the rate of the day the money was spent; rates are cached between claims."""

    def __init__(
        self,
        expenses: ExpenseRepository,
        fx_provider: FxRateProvider,
        rate_cache: RedisFxRateCache,
        event_bus: EventBus,
        base_currency: str,
    ) -> None:
        self._expenses = expenses
        self._fx_provider = fx_provider
        self._rate_cache = rate_cache
        self._event_bus = event_bus
        self._base_currency = base_currency

    async def handle(self, command: ConvertExpenseCurrency) -> Result[Money, AppError]:
        expense = await self._expenses.get(command.expense_id)
        if expense is None:
            return Failure(error=AppError.not_found("expense", command.expense_id))
        if not expense.needs_conversion(self._base_currency):
            expense.record_conversion(expense.amount)
            await self._expenses.save(expense)
            return Success(value=expense.amount)

        source = expense.amount.currency
        await self._event_bus.publish(
            CurrencyConversionAttempted(
                expense_id=expense.id, from_currency=source, to_currency=self._base_currency
            )
        )
        rate = await self._rate_cache.get_rate(source, self._base_currency, expense.incurred_on)
        if rate is None:
            fetched = await self._fx_provider.fetch_rate(source, self._base_currency, expense.incurred_on)
            if isinstance(fetched, Failure):
                await self._event_bus.publish(
                    CurrencyConversionFailed(expense_id=expense.id, reason=fetched.error.message)
                )
                return fetched
            rate = fetched.value
            await self._rate_cache.store_rate(rate)

        try:
            converted = rate.convert(expense.amount)
            expense.record_conversion(converted)
        except DomainError as error:
            await self._event_bus.publish(CurrencyConversionFailed(expense_id=expense.id, reason=str(error)))
            return Failure(error=AppError(code=ErrorCode.CONFLICT, message=str(error)))
        await self._expenses.save(expense)
        await self._event_bus.publish(
            CurrencyConversionSucceeded(
                expense_id=expense.id,
                rate=rate.rate,
                converted_amount=converted.amount,
                currency=converted.currency,
            )
        )
        return Success(value=converted)
