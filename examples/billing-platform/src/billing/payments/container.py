"""Composition of the payments context."""

from __future__ import annotations

from billing.payments.application.ports.event_publisher import EventPublisher
from billing.payments.application.ports.payment_provider import PaymentProvider
from billing.payments.application.ports.repositories import PaymentAttemptRepository
from billing.payments.application.use_cases.charge_invoice import ChargeInvoice
from billing.payments.domain.services.decline_classifier import DeclineClassifier


class PaymentsContainer:
    """The charging use case, wired by hand to the provider and storage it is given."""

    def __init__(
        self, *, attempts: PaymentAttemptRepository, provider: PaymentProvider, publisher: EventPublisher
    ) -> None:
        self.charge_invoice = ChargeInvoice(attempts, provider, publisher, DeclineClassifier())
