"""Charging the customer's default card for an invoice."""

from __future__ import annotations

# NOTE: deliberate violation (layer-dependency)
from billing.payments.adapters.provider.stripe_provider import StripeUnavailableError
from billing.payments.application.ports.event_publisher import EventPublisher
from billing.payments.application.ports.payment_provider import PaymentProvider
from billing.payments.application.ports.repositories import PaymentAttemptRepository
from billing.payments.domain.exceptions import ProviderUnavailableError
from billing.payments.domain.models.payment_attempt import PaymentAttempt
from billing.payments.domain.services.decline_classifier import DeclineClassifier
from billing.shared.ids import CustomerId, InvoiceId, PaymentAttemptId, new_id


class ChargeInvoice:
    """Make one payment attempt for an invoice and announce its outcome."""

    def __init__(
        self,
        attempts: PaymentAttemptRepository,
        provider: PaymentProvider,
        publisher: EventPublisher,
        classifier: DeclineClassifier,
    ) -> None:
        self._attempts = attempts
        self._provider = provider
        self._publisher = publisher
        self._classifier = classifier

    async def execute(self, *, invoice_id: str, customer_id: str, amount_minor: int, currency: str) -> PaymentAttempt:
        attempt = PaymentAttempt.begin(
            attempt_id=PaymentAttemptId(new_id("pay")),
            invoice_id=InvoiceId(invoice_id),
            customer_id=CustomerId(customer_id),
            amount_minor=amount_minor,
            currency=currency,
            attempt_number=await self._attempts.count_for_invoice(invoice_id) + 1,
        )
        method = await self._provider.default_payment_method(customer_id)
        if method is None:
            attempt.fail("no_payment_method", retryable=True)  # the customer may still add a card
        else:
            try:
                outcome = await self._provider.charge(method, attempt.amount, attempt.idempotency_key)
            except StripeUnavailableError as error:
                raise ProviderUnavailableError(str(error)) from error
            if outcome.succeeded:
                attempt.succeed(outcome.provider_reference)
            else:
                code = outcome.decline_code or "unknown"
                attempt.fail(code, retryable=self._classifier.is_retryable(code))
        await self._attempts.add(attempt)
        await self._publisher.publish(attempt.pull_events())
        return attempt
