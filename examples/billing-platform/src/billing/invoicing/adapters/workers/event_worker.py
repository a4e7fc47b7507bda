"""Turns subscription and payment events into invoicing use cases.

Invoicing may not import those contexts, so events arrive as dicts and are dispatched by their
`event_type` string. Adding a reaction is one line in `EVENT_HANDLERS`.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from billing.invoicing.container import InvoicingContainer

log = logging.getLogger(__name__)

EventHandler = Callable[[dict[str, Any], "InvoicingContainer"], Awaitable[None]]


async def handle_billable_period(data: dict[str, Any], container: InvoicingContainer) -> None:
    """A subscription started or renewed: invoice the period."""
    await container.issue_invoice.execute(
        customer_id=data["customer_id"],
        subscription_id=data["subscription_id"],
        description=f"Subscription {data['period_start']} to {data['period_end']}",
        amount_minor=data["amount_minor"],
        currency=data["currency"],
        issued_on=date.fromisoformat(data["period_start"]),
    )


async def handle_payment_succeeded(data: dict[str, Any], container: InvoicingContainer) -> None:
    await container.record_payment.execute(
        invoice_id=data["invoice_id"],
        attempt_id=data["attempt_id"],
        amount_minor=data["amount_minor"],
        currency=data["currency"],
        paid_at=datetime.fromisoformat(data["settled_at"]),
    )


async def handle_payment_failed(data: dict[str, Any], container: InvoicingContainer) -> None:
    await container.record_failed_payment.execute(
        invoice_id=data["invoice_id"],
        failed_on=datetime.fromisoformat(data["settled_at"]).date(),
        retryable=data["retryable"],
    )


EVENT_HANDLERS: dict[str, EventHandler] = {
    "subscription.started": handle_billable_period,
    "subscription.renewed": handle_billable_period,
    "payment.succeeded": handle_payment_succeeded,
    "payment.failed": handle_payment_failed,
}


async def process_message(body: dict[str, Any], container: InvoicingContainer) -> None:
    handler = EVENT_HANDLERS.get(body.get("event_type", ""))
    if handler is None:
        log.debug("invoicing ignores %s", body.get("event_type"))
        return
    await handler(body["data"], container)
