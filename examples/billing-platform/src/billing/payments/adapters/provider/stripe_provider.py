"""Stripe as the payment provider, over its REST API with httpx."""

from __future__ import annotations

from typing import Any

import httpx

from billing.payments.application.ports.payment_provider import PaymentProvider
from billing.payments.domain.models.payment_method import ChargeOutcome, PaymentMethodRef
from billing.shared.money import Money


class StripeUnavailableError(Exception):
    """Stripe throttled us (HTTP 429) or could not be reached."""


class StripePaymentProvider(PaymentProvider):
    """Customers are found by the `billing_customer_id` we store in their Stripe metadata."""

    def __init__(self, client: httpx.AsyncClient) -> None:
        self._client = client  # base_url and the secret key are set by billing.bootstrap

    async def default_payment_method(self, customer_id: str) -> PaymentMethodRef | None:
        body = await self._call(
            "GET",
            "/v1/customers/search",
            params={
                "query": f"metadata['billing_customer_id']:'{customer_id}'",
                "expand[]": "data.invoice_settings.default_payment_method",
            },
        )
        if not body["data"]:
            return None
        customer = body["data"][0]
        method = customer["invoice_settings"]["default_payment_method"]
        if method is None:
            return None
        return PaymentMethodRef(customer["id"], method["id"], method["card"]["brand"], method["card"]["last4"])

    async def charge(self, method: PaymentMethodRef, amount: Money, idempotency_key: str) -> ChargeOutcome:
        body = await self._call(
            "POST",
            "/v1/payment_intents",
            data={
                "amount": amount.amount_minor,
                "currency": amount.currency.lower(),
                "customer": method.provider_customer_id,
                "payment_method": method.payment_method_id,
                "off_session": "true",
                "confirm": "true",
            },
            headers={"Idempotency-Key": idempotency_key},
        )
        if "error" in body:  # a card error: Stripe answers 402 with the failed intent
            error = body["error"]
            intent_id = error.get("payment_intent", {}).get("id", "")
            return ChargeOutcome(False, intent_id, error.get("decline_code") or error.get("code", "card_error"))
        if body["status"] == "succeeded":
            return ChargeOutcome(True, body["id"])
        return ChargeOutcome(False, body["id"], "authentication_required")

    async def _call(self, method: str, path: str, **kwargs: Any) -> dict[str, Any]:
        try:
            response = await self._client.request(method, path, **kwargs)
        except httpx.TransportError as error:
            raise StripeUnavailableError(str(error)) from error
        if response.status_code == 429 or response.status_code >= 500:
            raise StripeUnavailableError(f"Stripe answered {response.status_code}")
        if response.status_code not in (200, 402):
            response.raise_for_status()
        return response.json()
