"""Charges invoices when invoicing asks for it, dispatching invoicing's events by their type string."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime, time
from typing import TYPE_CHECKING, Any

from billing.payments.domain.exceptions import ProviderUnavailableError
from billing.shared.adapters.messaging import RetryLater

if TYPE_CHECKING:
    from billing.payments.container import PaymentsContainer

log = logging.getLogger(__name__)

EventHandler = Callable[[dict[str, Any], "PaymentsContainer"], Awaitable[None]]
RETRY_HOUR_UTC = time(6)  # charge retries early in the day, when card issuers approve more


async def handle_invoice_issued(data: dict[str, Any], container: PaymentsContainer) -> None:
    await container.charge_invoice.execute(
        invoice_id=data["invoice_id"],
        customer_id=data["customer_id"],
        amount_minor=data["amount_due_minor"],
        currency=data["currency"],
    )


async def handle_retry_scheduled(data: dict[str, Any], container: PaymentsContainer) -> None:
    retry_at = datetime.combine(date.fromisoformat(data["retry_on"]), RETRY_HOUR_UTC, UTC)
    wait_seconds = int((retry_at - datetime.now(UTC)).total_seconds())
    if wait_seconds > 0:
        raise RetryLater(wait_seconds)
    await handle_invoice_issued(data, container)


EVENT_HANDLERS: dict[str, EventHandler] = {
    "invoice.issued": handle_invoice_issued,
    "invoice.retry_scheduled": handle_retry_scheduled,
}


async def process_message(body: dict[str, Any], container: PaymentsContainer) -> None:
    handler = EVENT_HANDLERS.get(body.get("event_type", ""))
    if handler is None:
        log.debug("payments ignores %s", body.get("event_type"))
        return
    try:
        await handler(body["data"], container)
    except ProviderUnavailableError as error:
        log.warning("payment provider unavailable, retrying in a minute: %s", error)
        raise RetryLater(60) from error
