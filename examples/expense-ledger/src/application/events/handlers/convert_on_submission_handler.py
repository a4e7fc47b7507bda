"""Converting each claim to the base currency as soon as it is submitted."""

from src.application.commands.expense_commands import ConvertExpenseCurrency
from src.application.commands.handlers.convert_currency_handler import ConvertExpenseCurrencyHandler
from src.domain.events.expense_events import ExpenseSubmissionSucceeded


class ConvertOnSubmissionHandler:
    """Reviewers see claims in the base currency; a failed conversion can be retried by hand."""

    def __init__(self, convert: ConvertExpenseCurrencyHandler) -> None:
        self._convert = convert

    async def handle(self, event: ExpenseSubmissionSucceeded) -> None:
        await self._convert.handle(ConvertExpenseCurrency(expense_id=event.expense_id))
