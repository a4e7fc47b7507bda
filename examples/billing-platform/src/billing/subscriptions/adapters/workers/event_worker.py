"""Reacts to other contexts' events, dispatched by their type string (this context cannot import them)."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from billing.subscriptions.container import SubscriptionsContainer

log = logging.getLogger(__name__)

EventHandler = Callable[[dict[str, Any], "SubscriptionsContainer"], Awaitable[None]]


async def handle_invoice_written_off(data: dict[str, Any], container: SubscriptionsContainer) -> None:
    await container.suspend_subscription.execute(subscription_id=data["subscription_id"], invoice_id=data["invoice_id"])


EVENT_HANDLERS: dict[str, EventHandler] = {
    "invoice.written_off": handle_invoice_written_off,
}


async def process_message(body: dict[str, Any], container: SubscriptionsContainer) -> None:
    handler = EVENT_HANDLERS.get(body.get("event_type", ""))
    if handler is None:
        log.debug("subscriptions ignores %s", body.get("event_type"))
        return
    await handler(body["data"], container)


async def run_renewals(container: SubscriptionsContainer) -> int:
    """Entry point of the nightly scheduled task."""
    return await container.renew_due_subscriptions.execute(today=date.today())
