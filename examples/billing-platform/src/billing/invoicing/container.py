"""Composition of the invoicing context."""

from __future__ import annotations

from billing.invoicing.application.ports.event_publisher import EventPublisher
from billing.invoicing.application.ports.repositories import InvoiceRepository
from billing.invoicing.application.use_cases.issue_invoice import IssueInvoice
from billing.invoicing.application.use_cases.record_failed_payment import RecordFailedPayment
from billing.invoicing.application.use_cases.record_payment import RecordPayment
from billing.invoicing.domain.models.dunning import DunningSchedule
from billing.invoicing.domain.services.dunning_policy import DunningPolicy


class InvoicingContainer:
    """Every use case of invoicing, wired by hand to the adapters it is given."""

    def __init__(
        self, *, invoices: InvoiceRepository, publisher: EventPublisher, dunning: DunningSchedule | None = None
    ) -> None:
        policy = DunningPolicy(dunning or DunningSchedule())
        self.issue_invoice = IssueInvoice(invoices, publisher)
        self.record_payment = RecordPayment(invoices, publisher)
        self.record_failed_payment = RecordFailedPayment(invoices, publisher, policy)
