"""The composition root: the only module that knows which adapter implements which protocol.

Adapters that live for the whole process (HTTP clients, Redis, the engine) are built once;
repositories, the event bus and handlers are built per request around one database session.
FastAPI routes ask for handlers through the `get_*` dependency functions below the container.
"""

from collections.abc import AsyncIterator
from functools import lru_cache

import httpx
from fastapi import Depends
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine

from src.application.commands.handlers.convert_currency_handler import ConvertExpenseCurrencyHandler
from src.application.commands.handlers.reimburse_expense_handler import ReimburseExpenseHandler
from src.application.commands.handlers.review_expense_handler import ReviewExpenseHandler
from src.application.commands.handlers.submit_expense_handler import SubmitExpenseHandler
from src.application.events.handlers.audit_trail_handler import AuditTrailHandler
from src.application.events.handlers.claimant_notification_handler import NotifyClaimantHandler
from src.application.events.handlers.convert_on_submission_handler import ConvertOnSubmissionHandler
from src.application.events.registry import EVENT_HANDLERS
from src.application.queries.handlers.get_expense_handler import GetExpenseHandler
from src.application.queries.handlers.list_expenses_handler import ListEmployeeExpensesHandler
from src.core.settings import Settings, get_settings
from src.infrastructure.cache.fx_rate_cache import FxRateCache
from src.infrastructure.events.event_bus import EventBus
from src.infrastructure.persistence.expense_repository import ExpenseRepository
from src.infrastructure.persistence.reimbursement_repository import ReimbursementRepository
from src.infrastructure.providers.fx_rate_provider import FxRateProvider
from src.infrastructure.providers.notification_sender import NotificationSender
from src.infrastructure.providers.payout_provider import PayoutProvider


class Container:
    """Holds the process-wide adapters and builds the request-scoped event bus from them."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._sessions = async_sessionmaker(create_async_engine(settings.database_url), expire_on_commit=False)
        http = httpx.AsyncClient(timeout=settings.http_timeout_seconds)
        self.rate_cache = FxRateCache(Redis.from_url(settings.redis_url), settings.fx_cache_ttl_seconds)
        self.fx_provider = FxRateProvider(http, settings.fx_api_url, settings.fx_api_key)
        self.payouts = PayoutProvider(http, settings.payouts_api_url, settings.payouts_api_key)
        self.notifications = NotificationSender(http, settings.mail_api_url)

    async def session(self) -> AsyncIterator[AsyncSession]:
        async with self._sessions() as session, session.begin():
            yield session

    def event_bus(self, session: AsyncSession) -> EventBus:
        """A bus whose subscribers are exactly the handlers listed in the event registry."""
        bus = EventBus()
        instances = [
            AuditTrailHandler(),
            NotifyClaimantHandler(ExpenseRepository(session), self.notifications),
            ConvertOnSubmissionHandler(self.convert_handler(session, bus)),
        ]
        by_type = {type(instance): instance for instance in instances}
        for event_type, handler_types in EVENT_HANDLERS.items():
            for handler_type in handler_types:
                bus.subscribe(event_type, by_type[handler_type].handle)
        return bus

    def convert_handler(self, session: AsyncSession, bus: EventBus) -> ConvertExpenseCurrencyHandler:
        return ConvertExpenseCurrencyHandler(
            expenses=ExpenseRepository(session),
            fx_provider=self.fx_provider,
            rate_cache=self.rate_cache,
            event_bus=bus,
            base_currency=self.settings.base_currency,
        )


@lru_cache
def get_container() -> Container:
    return Container(get_settings())


async def get_session() -> AsyncIterator[AsyncSession]:
    async for session in get_container().session():
        yield session


def get_submit_expense_handler(session: AsyncSession = Depends(get_session)) -> SubmitExpenseHandler:
    return SubmitExpenseHandler(ExpenseRepository(session), get_container().event_bus(session))


def get_review_expense_handler(session: AsyncSession = Depends(get_session)) -> ReviewExpenseHandler:
    return ReviewExpenseHandler(ExpenseRepository(session), get_container().event_bus(session))


def get_convert_expense_handler(session: AsyncSession = Depends(get_session)) -> ConvertExpenseCurrencyHandler:
    container = get_container()
    return container.convert_handler(session, container.event_bus(session))


def get_reimburse_expense_handler(session: AsyncSession = Depends(get_session)) -> ReimburseExpenseHandler:
    container = get_container()
    return ReimburseExpenseHandler(
        expenses=ExpenseRepository(session),
        reimbursements=ReimbursementRepository(session),
        payouts=container.payouts,
        event_bus=container.event_bus(session),
    )


def get_expense_handler(session: AsyncSession = Depends(get_session)) -> GetExpenseHandler:
    return GetExpenseHandler(ExpenseRepository(session))


def get_list_expenses_handler(session: AsyncSession = Depends(get_session)) -> ListEmployeeExpensesHandler:
    return ListEmployeeExpensesHandler(ExpenseRepository(session))
